package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.runner.credentials.LocalCredentialStore;
import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.Console;
import io.jenkins.plugins.orchestra.runner.script.CurrentBuild;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.PipelineScript;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import io.jenkins.plugins.orchestra.runner.steps.BuiltInSteps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One {@code orchestra run}: a Jenkinsfile, its workspace, its run directory, its log and its summary. */
final class LocalRun {
    private LocalRun() {}

    record Options(
            Path jenkinsfile,
            Map<String, String> params,
            InputProvider input,
            String branch,
            Optional<Path> credentials,
            List<LocalLibrary> libraries) {}

    static JenkinsfileRunner.Outcome run(Options options, PrintStream out) throws IOException {
        Path jenkinsfile = options.jenkinsfile().toAbsolutePath().normalize();
        String source = Files.readString(jenkinsfile, StandardCharsets.UTF_8);
        PipelineScript script = Jenkinsfiles.check(source, options.libraries());
        LocalCredentialStore credentials = LocalCredentialStore.load(options.credentials());
        Path workspace = jenkinsfile.getParent();
        RunDirectory runDir = RunDirectory.next(workspace);
        try (OutputStream logFile = Files.newOutputStream(runDir.log())) {
            PrintStream tee = new PrintStream(new TeeStream(out, logFile), true, StandardCharsets.UTF_8);
            Map<String, String> env = environment(workspace, runDir.number(), options.branch());
            CurrentBuild build = new CurrentBuild(runDir.number(), Instant.now());
            SecretMasker masker = new SecretMasker();
            PipelineRuntime runtime =
                    new PipelineRuntime(workspace, env, new Console(tee, masker::mask), build, InstantSource.system());
            BuiltInSteps.registerAll(runtime, options.input(), credentials, masker, runDir.dir());
            tee.println("Running " + workspace.relativize(jenkinsfile) + " in " + workspace + " (run #"
                    + runDir.number() + ")");
            JenkinsfileRunner.Outcome outcome = JenkinsfileRunner.run(script, runtime, options.params());
            runDir.writeResults(workspace.relativize(jenkinsfile).toString(), outcome);
            tee.println();
            tee.print(summary(outcome));
            tee.println("Log, summary.json and junit.xml: " + runDir.dir());
            tee.flush();
            return outcome;
        }
    }

    private static Map<String, String> environment(Path workspace, int number, String branch) {
        Map<String, String> env = new HashMap<>(System.getenv());
        String job = workspace.getFileName() == null
                ? "local"
                : workspace.getFileName().toString();
        env.put("BUILD_NUMBER", Integer.toString(number));
        env.put("BUILD_ID", Integer.toString(number));
        env.put("BUILD_TAG", "orchestra-" + job + "-" + number);
        env.put("JOB_NAME", job);
        env.put("JOB_BASE_NAME", job);
        env.put("WORKSPACE", workspace.toString());
        env.put("NODE_NAME", "built-in");
        env.put("EXECUTOR_NUMBER", "0");
        env.put("ORCHESTRA_RUNNER", "true");
        String b = branch != null ? branch : Git.currentBranch(workspace);
        if (b != null) {
            env.put("BRANCH_NAME", b);
        }
        return env;
    }

    static String summary(JenkinsfileRunner.Outcome outcome) {
        StringBuilder out = new StringBuilder();
        out.append("Result: ")
                .append(outcome.result())
                .append(" in ")
                .append(Durations.format(outcome.duration()))
                .append('\n');
        if (outcome.stages().isEmpty()) {
            return out.toString();
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STAGE", "RESULT", "DURATION", "NOTE"});
        List<StageRecord> byStart = new ArrayList<>(outcome.stages());
        byStart.sort(java.util.Comparator.comparing(StageRecord::started));
        for (StageRecord s : byStart) {
            String name = s.branch() == null || s.branch().equals(s.name()) ? s.name() : s.branch() + " » " + s.name();
            String result =
                    s.result() == BuildResult.NOT_BUILT ? "SKIPPED" : s.result().name();
            rows.add(new String[] {name, result, Durations.format(s.duration()), s.error() == null ? "" : s.error()});
        }
        int[] w = new int[3];
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            out.append(("  " + pad(r[0], w[0]) + "  " + pad(r[1], w[1]) + "  " + pad(r[2], w[2]) + "  " + r[3])
                            .stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    /** Writes to the terminal and the run's log file at once. */
    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }

        @Override
        public void flush() throws IOException {
            a.flush();
            b.flush();
        }
    }
}
