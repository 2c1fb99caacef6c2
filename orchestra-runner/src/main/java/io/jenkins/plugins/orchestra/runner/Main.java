package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.coordinator.RunResult;
import io.jenkins.plugins.orchestra.coordinator.RunStatus;
import io.jenkins.plugins.orchestra.coordinator.RunSummary;
import io.jenkins.plugins.orchestra.coordinator.executor.PlanExecutor;
import io.jenkins.plugins.orchestra.coordinator.journal.JournalWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code orchestra} command. Until the runner reads Jenkinsfiles it has one command, {@code demo}, which runs an
 * example plan through the coordinator and prints its summary.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(usage());
            return args.length == 0 ? 2 : 0;
        }
        if (!args[0].equals("demo")) {
            err.println("orchestra: unknown command '" + args[0] + "'");
            err.println(usage());
            return 2;
        }
        Path work = Path.of(args.length > 1 ? args[1] : ".orchestra/demo");
        try {
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
                return result.status() == RunStatus.SUCCESS ? 0 : 1;
            }
        } catch (OrchestraException e) {
            err.println("orchestra: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            err.println("orchestra: cannot use " + work + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static String usage() {
        return """
                Usage: orchestra demo [WORK_DIR]
                  demo   run the example delivery plan through the stage coordinator and print its summary
                         (WORK_DIR defaults to .orchestra/demo)""";
    }
}
