package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.RunSummary;
import io.jenkins.plugins.orchestra.coordinator.executor.PlanExecutor;
import io.jenkins.plugins.orchestra.coordinator.journal.JournalWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code orchestra demo}: the example delivery plan through the coordinator, with its journal and summary. */
final class DemoCommand {
    private DemoCommand() {}

    static int run(Path work, PrintStream out) throws Exception {
        Files.createDirectories(work);
        Path journal = work.resolve("journal.jsonl");
        Files.deleteIfExists(journal);
        try (PlanExecutor executor = new PlanExecutor();
                JournalWriter writer = JournalWriter.create(journal, DemoPlan.plan())) {
            RunResult result = executor.start(
                            DemoPlan.plan(), DemoPlan.actions(work, out), List.of(writer, new ConsoleListener(out)))
                    .await();
            out.println();
            out.print(RunSummary.format(result));
            out.println("Journal: " + journal);
            return result.status() == RunStatus.SUCCESS ? Main.OK : Main.FAILED;
        }
    }
}
