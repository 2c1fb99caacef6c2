package io.jenkins.plugins.orchestra.runner;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.runner.credentials.LocalCredentialStore;
import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.orchestrate.OrchestrateSteps;
import io.jenkins.plugins.orchestra.runner.resume.ResumeException;
import io.jenkins.plugins.orchestra.runner.resume.StepJournal;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.Console;
import io.jenkins.plugins.orchestra.runner.script.CurrentBuild;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.PipelineScript;
import io.jenkins.plugins.orchestra.runner.script.StageLogs;
import io.jenkins.plugins.orchestra.runner.script.StageRecord;
import io.jenkins.plugins.orchestra.runner.script.StepInterceptor;
import io.jenkins.plugins.orchestra.runner.steps.BuiltInSteps;
import io.jenkins.plugins.orchestra.runner.ui.LiveRun;
import io.jenkins.plugins.orchestra.runner.ui.RunDashboard;
import io.jenkins.plugins.orchestra.runner.ui.ViewFeed;
import io.jenkins.plugins.orchestra.view.RunEvent;
import io.jenkins.plugins.orchestra.view.RunViewFold;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code orchestra run}: a Jenkinsfile, its workspace, its run directory, its log and its summary; or one {@code
 * orchestra resume} of a run that stopped, into the same run directory.
 */
final class LocalRun {
    private LocalRun() {}

    /**
     * @param input who answers {@code input}; {@code null} for {@code orchestra approve} from another shell
     * @param live one line per stage start and end on the terminal, the full log in the run's log file only
     * @param dryRun deploy and provision steps only say what they would do ({@code ORCHESTRA_DRY_RUN=true})
     */
    record Options(
            Path jenkinsfile,
            Map<String, String> params,
            InputProvider input,
            String branch,
            Optional<Path> credentials,
            boolean live,
            boolean dryRun,
            List<LocalLibrary> libraries,
            Ui ui) {
        Options(
                Path jenkinsfile,
                Map<String, String> params,
                InputProvider input,
                String branch,
                Optional<Path> credentials,
                boolean live,
                boolean dryRun,
                List<LocalLibrary> libraries) {
            this(jenkinsfile, params, input, branch, credentials, live, dryRun, libraries, Ui.OFF);
        }
    }

    /**
     * Whether the run serves its dashboard, and on which port of 127.0.0.1 (0 for any free one).
     *
     * @param trigger who started the run, as its dashboard says
     */
    record Ui(boolean serve, int port, String trigger) {
        static final Ui OFF = new Ui(false, 0, "");
    }

    /**
     * @param credentials the credentials file; empty for the one the run was started with
     * @param libraries the shared libraries, as for the run
     */
    record ResumeOptions(
            Path workspace, int run, InputProvider input, Optional<Path> credentials, List<LocalLibrary> libraries) {}

    static JenkinsfileRunner.Outcome run(Options options, PrintStream out) throws IOException {
        Path jenkinsfile = options.jenkinsfile().toAbsolutePath().normalize();
        String source = Jenkinsfiles.read(jenkinsfile);
        PipelineScript script = Jenkinsfiles.check(source, options.libraries());
        CredentialStore credentials = lazily(options.credentials());
        Path workspace = jenkinsfile.getParent();
        RunDirectory runDir = RunDirectory.next(workspace);
        try (Closeable lock = runDir.lock()) {
            RunInfo info = new RunInfo(
                    runDir.number(),
                    workspace.relativize(jenkinsfile).toString(),
                    RunInfo.sha256(source),
                    options.params(),
                    options.branch() != null ? options.branch() : Git.currentBranch(workspace),
                    options.credentials()
                            .map(p -> p.toAbsolutePath().normalize().toString())
                            .orElse(null),
                    Instant.now().toString());
            // run.json is written by Jackson, which takes a tenth of a second to start: beside the run, not before it
            java.util.concurrent.CompletableFuture<Void> saved = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    runDir.writeInfo(info, source);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try {
                return execute(
                        workspace,
                        runDir,
                        info,
                        script,
                        options.input(),
                        credentials,
                        null,
                        saved,
                        options.live(),
                        options.dryRun(),
                        options.ui(),
                        out);
            } finally {
                saved.join();
            }
        }
    }

    /**
     * Runs the Jenkinsfile saved when the run started again, into its run directory: the step calls that had
     * completed are given back from its journal, not run again.
     *
     * @throws ResumeException if the run does not exist, finished, is still running, or has no {@code run.json}
     */
    static JenkinsfileRunner.Outcome resume(ResumeOptions options, PrintStream out) throws IOException {
        Path workspace = options.workspace().toAbsolutePath().normalize();
        RunDirectory runDir = RunDirectory.existing(workspace, options.run());
        refuseIfFinished(runDir);
        try (Closeable lock = runDir.lock()) {
            refuseIfFinished(runDir);
            RunInfo info = runDir.info()
                    .orElseThrow(() -> new ResumeException("run " + options.run()
                            + " cannot be resumed: it has no run.json, so it stopped before its first step ran (or an"
                            + " orchestra without resume started it); start it again with orchestra run"));
            String source = Jenkinsfiles.read(runDir.jenkinsfile());
            List<String> notes = new ArrayList<>();
            Path current = workspace.resolve(info.jenkinsfile());
            String saved = workspace.relativize(runDir.jenkinsfile()).toString();
            if (!Files.isRegularFile(current)) {
                notes.add("Note: " + info.jenkinsfile()
                        + " is gone; resuming with the copy saved when the run started, " + saved);
            } else if (!RunInfo.sha256(new String(Files.readAllBytes(current), StandardCharsets.UTF_8))
                    .equals(info.jenkinsfileSha256())) {
                notes.add("Note: " + info.jenkinsfile() + " changed since the run started; resuming with the copy"
                        + " saved then, " + saved + " (start a new run to use your changes)");
            }
            PipelineScript script = Jenkinsfiles.check(source, options.libraries());
            CredentialStore credentials = lazily(options.credentials()
                    .or(() -> Optional.ofNullable(info.credentials()).map(Path::of)));
            return execute(
                    workspace,
                    runDir,
                    info,
                    script,
                    options.input(),
                    credentials,
                    notes,
                    java.util.concurrent.CompletableFuture.completedFuture(null),
                    false,
                    false,
                    new Ui(false, 0, "orchestra resume"),
                    out);
        }
    }

    private static void refuseIfFinished(RunDirectory runDir) throws IOException {
        Optional<JsonNode> summary = runDir.summary();
        if (summary.isPresent()) {
            throw new ResumeException("run " + runDir.number() + " finished: "
                    + summary.get().path("result").asText("?") + "; nothing to resume");
        }
    }

    /**
     * @param resumeNotes {@code null} for a new run; for a resumed one, what to say about it before it runs
     * @param saved done once {@code run.json} is written (a new run writes it beside its first block steps): no leaf
     *     step (the ones that act: {@code sh}, {@code deploy}, …) starts before, so a run killed after it did something
     *     can always be resumed
     */
    private static JenkinsfileRunner.Outcome execute(
            Path workspace,
            RunDirectory runDir,
            RunInfo info,
            PipelineScript script,
            InputProvider input,
            CredentialStore credentials,
            List<String> resumeNotes,
            java.util.concurrent.CompletableFuture<Void> saved,
            boolean live,
            boolean dryRun,
            Ui ui,
            PrintStream out)
            throws IOException {
        boolean resumed = resumeNotes != null;
        OpenOption[] logMode = resumed
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND}
                : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try (OutputStream logFile = Files.newOutputStream(runDir.log(), logMode);
                StageLogs stageLogs = new StageLogs(runDir.dir().resolve("stages"))) {
            OutputStream logged = live ? logFile : new TeeStream(out, logFile);
            PrintStream tee = new PrintStream(logged, true, StandardCharsets.UTF_8);
            Map<String, String> env = environment(workspace, runDir.number(), info.branch());
            if (dryRun) {
                env.put("ORCHESTRA_DRY_RUN", "true");
            }
            CurrentBuild build = new CurrentBuild(runDir.number(), Instant.parse(info.started()));
            SecretMasker masker = new SecretMasker();
            Console console = new Console(tee, masker::mask, stageLogs);
            PipelineRuntime runtime = new PipelineRuntime(workspace, env, console, build, InstantSource.system());
            // files that may hold secrets live here, and go when the run ends; a killed run's are gone on resume
            Path temporary = runDir.dir().resolve("tmp");
            io.jenkins.plugins.orchestra.internal.FileTrees.delete(temporary);
            runtime.useTemporaryDirectory(temporary);
            // what the dashboard shows, and view.json for `orchestra ui`, whether or not this run serves it
            RunViewFold fold = new RunViewFold(masker::mask, InstantSource.system());
            ViewFeed feed = new ViewFeed(fold, InstantSource.system());
            LiveRun view = new LiveRun(runDir.number(), runDir.dir(), fold);
            MailboxInput mailbox = new MailboxInput(
                    runDir.dir(), runDir.number(), tee, answered -> feed.commented(answered.comment()));
            InputProvider answers =
                    feed.inputs(input == null ? mailbox : ui.serve() ? new RacingInput(input, mailbox) : input);
            BuiltInSteps.registerAll(runtime, answers, credentials, masker, runDir.dir());
            OrchestrateSteps.register(runtime, runDir.dir(), feed);
            runtime.addStageListener(feed);
            if (live) {
                runtime.addStageListener(new LiveView(out));
            }
            fold.accept(new RunEvent.RunStarted(
                    resumed ? Instant.now() : Instant.parse(info.started()),
                    runDir.number(),
                    info.jenkinsfile(),
                    ui.trigger(),
                    info.params()));
            try (StepJournal journal = resumed
                    ? StepJournal.resume(runDir.journal(), console, masker::mask)
                    : StepJournal.create(runDir.journal(), console, masker::mask)) {
                StepInterceptor journaled = feed.around(journal);
                runtime.intercept((call, context, step) -> {
                    if (call.body() == null) {
                        saved.join();
                    }
                    return journaled.intercept(call, context, step);
                });
                RunDashboard dashboard = ui.serve() ? RunDashboard.start(workspace, view, ui.port(), out) : null;
                if (resumed) {
                    tee.println();
                    tee.println("Resuming run #" + runDir.number() + " of " + info.jenkinsfile() + " in " + workspace
                            + ": " + journal.recorded() + " completed step call(s) in steps.jsonl are given back,"
                            + " not run again");
                    resumeNotes.forEach(tee::println);
                } else {
                    tee.println("Running " + info.jenkinsfile() + " in " + workspace + " (run #" + runDir.number() + ")"
                            + (dryRun ? "; dry run: deploy and provision steps plan only" : ""));
                }
                JenkinsfileRunner.Outcome outcome;
                try {
                    outcome = JenkinsfileRunner.run(script, runtime, info.params());
                } finally {
                    BuildResult result = runtime.currentBuild().current();
                    fold.accept(new RunEvent.RunEnded(Instant.now(), RunEvent.Result.valueOf(result.name())));
                    view.finish();
                    if (dashboard != null) {
                        dashboard.close();
                    }
                    io.jenkins.plugins.orchestra.internal.FileTrees.delete(temporary);
                }
                runDir.writeResults(info.jenkinsfile(), outcome, resumed);
                tee.flush();
                PrintStream report =
                        live ? new PrintStream(new TeeStream(out, logFile), true, StandardCharsets.UTF_8) : tee;
                if (live && outcome.result() != BuildResult.SUCCESS) {
                    List<String> lines = Files.readAllLines(runDir.log(), StandardCharsets.UTF_8);
                    out.println("Last lines of the log:");
                    lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(l -> out.println("  " + l));
                }
                report.println();
                report.print(summary(outcome));
                if (resumed) {
                    report.println("Resumed: skipped " + journal.skipped()
                            + " step call(s) that had completed before the run stopped");
                }
                report.println("Log, summary.json and junit.xml: " + runDir.dir());
                report.flush();
                return outcome;
            }
        }
    }

    /** The credentials file is read when a Jenkinsfile first asks for a credential, not before. */
    private static CredentialStore lazily(Optional<Path> file) {
        java.util.concurrent.atomic.AtomicReference<LocalCredentialStore> store =
                new java.util.concurrent.atomic.AtomicReference<>();
        return id -> {
            LocalCredentialStore loaded = store.get();
            if (loaded == null) {
                loaded = LocalCredentialStore.load(file);
                store.compareAndSet(null, loaded);
            }
            return loaded.get(id);
        };
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
        if (branch != null) {
            env.put("BRANCH_NAME", branch);
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
        return out.append(criticalPath(outcome.stages())).toString();
    }

    /**
     * The stages that made the run as long as it was: from the top-level stage that ended last, back through the
     * top-level stage that ended last before each one started; the bottleneck is the longest of them, or of the stages
     * inside them (parallel branches, nested stages).
     */
    static String criticalPath(List<StageRecord> stages) {
        List<StageRecord> top = stages.stream().filter(s -> s.branch() == null).toList();
        StageRecord at = top.stream()
                .max(java.util.Comparator.comparing(StageRecord::ended))
                .orElse(null);
        List<StageRecord> path = new ArrayList<>();
        while (at != null) {
            path.add(0, at);
            StageRecord current = at;
            at = top.stream()
                    .filter(s -> s != current && !s.ended().isAfter(current.started()))
                    .max(java.util.Comparator.comparing(StageRecord::ended))
                    .orElse(null);
        }
        if (path.isEmpty()) {
            return "";
        }
        StageRecord bottleneck = null;
        String within = null;
        for (StageRecord p : path) {
            List<StageRecord> inner = stages.stream()
                    .filter(s -> s != p && s.branch() != null)
                    .filter(s ->
                            !s.started().isBefore(p.started()) && !s.ended().isAfter(p.ended()))
                    .toList();
            StageRecord longest = (inner.isEmpty() ? List.of(p) : inner)
                    .stream()
                            .max(java.util.Comparator.comparing(StageRecord::duration))
                            .orElseThrow();
            if (bottleneck == null || longest.duration().compareTo(bottleneck.duration()) > 0) {
                bottleneck = longest;
                within = longest == p ? null : p.name();
            }
        }
        List<String> parts = new ArrayList<>();
        path.forEach(p -> parts.add(p.name() + " " + Durations.format(p.duration())));
        return "Critical path: " + String.join(" → ", parts) + "\nBottleneck: " + bottleneck.name() + " ("
                + Durations.format(bottleneck.duration()) + (within == null ? "" : ", in " + within) + ")\n";
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
