package io.jenkins.plugins.orchestra.runner.resume;

import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.Console;
import io.jenkins.plugins.orchestra.runner.script.CurrentBuild;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.steps.BuiltInSteps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs a Jenkinsfile in a workspace with a step journal, new or resumed, and keeps its log, for tests. */
final class JournaledRun {
    record Result(BuildResult result, String log, int skipped) {}

    private final Path workspace;
    private InputProvider input = InputProvider.unattended();
    private CredentialStore credentials = id -> {
        throw CredentialsException.notFound(id, Set.of(), "");
    };

    JournaledRun(Path workspace) {
        this.workspace = workspace;
    }

    JournaledRun input(InputProvider input) {
        this.input = input;
        return this;
    }

    JournaledRun credentials(CredentialStore credentials) {
        this.credentials = credentials;
        return this;
    }

    Path journal() {
        return workspace.resolve(".orchestra/runs/1/steps.jsonl");
    }

    List<String> lines() throws IOException {
        return Files.readAllLines(journal());
    }

    /** Keeps the first {@code n} lines of the journal, as if the run had died after its {@code n}th record. */
    void crashAfter(int n) throws IOException {
        Files.write(journal(), lines().subList(0, n));
    }

    Result run(String jenkinsfile) throws IOException {
        Files.createDirectories(journal().getParent());
        return run(jenkinsfile, false);
    }

    Result resume(String jenkinsfile) throws IOException {
        return run(jenkinsfile, true);
    }

    private Result run(String jenkinsfile, boolean resume) throws IOException {
        SecretMasker masker = new SecretMasker();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("WORKSPACE", workspace.toString());
        Console console = new Console(out, masker::mask);
        PipelineRuntime runtime = new PipelineRuntime(
                workspace, env, console, new CurrentBuild(1, Instant.now()), InstantSource.system());
        BuiltInSteps.registerAll(runtime, input, credentials, masker, journal().getParent());
        try (StepJournal journal = resume
                ? StepJournal.resume(journal(), console, masker::mask)
                : StepJournal.create(journal(), console, masker::mask)) {
            runtime.intercept(journal);
            JenkinsfileRunner.Outcome outcome =
                    JenkinsfileRunner.run(JenkinsfileRunner.compile(jenkinsfile), runtime, Map.of());
            return new Result(outcome.result(), bytes.toString(StandardCharsets.UTF_8), journal.skipped());
        }
    }
}
