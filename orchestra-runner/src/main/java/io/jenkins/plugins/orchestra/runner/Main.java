package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.OrchestraException;
import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.resume.ResumeException;
import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileException;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code orchestra} command. Exit codes: 0 success, 1 the run failed, 2 invalid Jenkinsfile or usage. */
@Command(
        name = "orchestra",
        mixinStandardHelpOptions = true,
        version = "orchestra 0.1.0-SNAPSHOT",
        description = "Runs Jenkinsfiles locally, without Jenkins, with Orchestra's steps.",
        subcommands = {
            Main.Run.class,
            Main.Resume.class,
            Main.Runs.class,
            ApproveCommand.class,
            UiCommand.class,
            Main.Lint.class,
            Main.Demo.class,
            Main.WarmUpCommand.class
        })
public final class Main implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int INVALID = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the {@code orchestra} command in this JVM, as {@link #main} does but without exiting, and returns its exit
     * code. What a run prints goes to {@code out} as it happens, a line at a time.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExitCodeExceptionMapper(e -> INVALID);
        cli.getCommandSpec().exitCodeOnInvalidInput(INVALID);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof OrchestraException) {
                commandLine.getErr().println("orchestra: " + e.getMessage());
                return e instanceof JenkinsfileException || e instanceof ResumeException ? INVALID : FAILED;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return INVALID;
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Run a Jenkinsfile.")
    static final class Run implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(
                index = "0",
                defaultValue = "Jenkinsfile",
                description = "The Jenkinsfile (default: ${DEFAULT-VALUE}).")
        Path jenkinsfile;

        @Option(names = "--param", description = "A build parameter, NAME=value; repeatable.")
        Map<String, String> params = new LinkedHashMap<>();

        @Option(names = "--branch", description = "BRANCH_NAME for the run (default: the git branch of the workspace).")
        String branch;

        @Option(
                names = "--user",
                description = "Who answers input steps at the terminal (default: ${DEFAULT-VALUE}).",
                defaultValue = "${sys:user.name}")
        String user;

        @Option(
                names = "--credentials",
                description = "The credentials file (default: $ORCHESTRA_CREDENTIALS or"
                        + " ~/.config/orchestra/credentials.json).")
        Path credentials;

        @Option(
                names = "--dry-run",
                description = "Run with deploy and provision steps in plan mode: they say what they would do."
                        + " Other steps (sh included) run as usual.")
        boolean dryRun;

        @Option(
                names = "--no-ui",
                description = "Do not serve the dashboard (it is served on 127.0.0.1 while the run runs; its address"
                        + " is printed).")
        boolean noUi;

        @Option(
                names = "--port",
                paramLabel = "PORT",
                description = "The dashboard's port on 127.0.0.1 (default: any free port).",
                defaultValue = "0")
        int port;

        @Option(names = "--plain", description = "Print the whole log, not one line per stage, even on a terminal.")
        boolean plain;

        @Option(names = "--fail-on-unstable", description = "Exit with 1 when the run is UNSTABLE.")
        boolean failOnUnstable;

        @CommandLine.Mixin
        LibraryOption libraries;

        @Override
        public Integer call() throws IOException {
            PrintStream out = out(spec);
            requireFile(jenkinsfile);
            JenkinsfileRunner.Outcome outcome = LocalRun.run(
                    new LocalRun.Options(
                            jenkinsfile,
                            params,
                            inputProvider(user),
                            branch,
                            java.util.Optional.ofNullable(credentials),
                            !plain && LiveView.wanted(System.getenv()),
                            dryRun,
                            libraries.libraries(spec),
                            new LocalRun.Ui(!noUi, port, "orchestra run by " + user)),
                    out);
            return exitCode(outcome.result(), failOnUnstable);
        }
    }

    /** The terminal, or {@code null}: then inputs are answered by {@code orchestra approve} from another shell. */
    private static InputProvider inputProvider(String user) {
        java.io.Console console = System.console();
        return console == null ? null : new TerminalInput(console, user);
    }

    private static int exitCode(BuildResult r, boolean failOnUnstable) {
        return r == BuildResult.SUCCESS || (r == BuildResult.UNSTABLE && !failOnUnstable) ? OK : FAILED;
    }

    @Command(
            name = "resume",
            mixinStandardHelpOptions = true,
            description = "Resume a run that stopped before it finished: the steps that had completed are not run"
                    + " again, the first one that had not runs again, and the run goes on from there.")
    static final class Resume implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LibraryOption libraries;

        @Parameters(index = "0", description = "The run's number, as in .orchestra/runs/<number>.")
        int run;

        @Option(
                names = "--workspace",
                description = "The workspace: the directory of the Jenkinsfile, which holds .orchestra/runs"
                        + " (default: the current directory).",
                defaultValue = ".")
        Path workspace;

        @Option(
                names = "--user",
                description = "Who answers input steps at the terminal (default: ${DEFAULT-VALUE}).",
                defaultValue = "${sys:user.name}")
        String user;

        @Option(
                names = "--credentials",
                description = "The credentials file (default: the one the run was started with).")
        Path credentials;

        @Option(names = "--fail-on-unstable", description = "Exit with 1 when the run is UNSTABLE.")
        boolean failOnUnstable;

        @Override
        public Integer call() throws IOException {
            PrintStream out = out(spec);
            JenkinsfileRunner.Outcome outcome = LocalRun.resume(
                    new LocalRun.ResumeOptions(
                            workspace,
                            run,
                            inputProvider(user),
                            java.util.Optional.ofNullable(credentials),
                            libraries.libraries(spec)),
                    out);
            return exitCode(outcome.result(), failOnUnstable);
        }
    }

    @Command(
            name = "runs",
            mixinStandardHelpOptions = true,
            description = "List the runs of a workspace: number, result (or unfinished, or running), start, duration,"
                    + " Jenkinsfile.")
    static final class Runs implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--workspace",
                description = "The workspace: the directory of the Jenkinsfile, which holds .orchestra/runs"
                        + " (default: the current directory).",
                defaultValue = ".")
        Path workspace;

        @Override
        public Integer call() throws IOException {
            spec.commandLine()
                    .getOut()
                    .print(RunList.table(workspace.toAbsolutePath().normalize(), java.time.ZoneId.systemDefault()));
            spec.commandLine().getOut().flush();
            return OK;
        }
    }

    @Command(
            name = "lint",
            mixinStandardHelpOptions = true,
            description = "Check a Jenkinsfile without running it: Groovy syntax, and the Declarative structure.")
    static final class Lint implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(
                index = "0",
                defaultValue = "Jenkinsfile",
                description = "The Jenkinsfile (default: ${DEFAULT-VALUE}).")
        Path jenkinsfile;

        @CommandLine.Mixin
        LibraryOption libraries;

        @Override
        public Integer call() throws IOException {
            requireFile(jenkinsfile);
            Jenkinsfiles.check(Jenkinsfiles.read(jenkinsfile), libraries.libraries(spec));
            spec.commandLine().getOut().println(jenkinsfile + ": no problems found");
            return OK;
        }
    }

    @Command(
            name = "demo",
            mixinStandardHelpOptions = true,
            description = "Run an example delivery plan through the stage coordinator and print its summary.")
    static final class Demo implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(
                index = "0",
                defaultValue = ".orchestra/demo",
                description = "Work directory (default: ${DEFAULT-VALUE}).")
        Path work;

        @Override
        public Integer call() throws Exception {
            PrintStream out = out(spec);
            return DemoCommand.run(work, out);
        }
    }

    /** The command's standard output as a PrintStream, for code that prints to one. */
    static PrintStream out(CommandLine.Model.CommandSpec spec) {
        return new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
    }

    /** {@code --library name=path}, for run and lint. */
    static final class LibraryOption {
        @Option(
                names = "--library",
                paramLabel = "NAME=PATH",
                description = "A shared library in a local folder (vars/, src/, resources/), for @Library('NAME')"
                        + " and the library step; repeatable.")
        Map<String, Path> folders = new LinkedHashMap<>();

        List<LocalLibrary> libraries(CommandLine.Model.CommandSpec spec) {
            try {
                return folders.entrySet().stream()
                        .map(e -> new LocalLibrary(e.getKey(), e.getValue()))
                        .toList();
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    @Command(
            name = "warm-up",
            hidden = true,
            description = "Run a bundled Jenkinsfile quietly, to record a class-data archive (see ./orchestra).")
    static final class WarmUpCommand implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            BuildResult r = WarmUp.run().result();
            return r == BuildResult.SUCCESS || r == BuildResult.UNSTABLE ? OK : FAILED;
        }
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new JenkinsfileException(
                    "no Jenkinsfile at " + file.toAbsolutePath().normalize());
        }
    }

    /** Lets code that prints to a PrintStream write to picocli's writer. */
    private static final class WriterStream extends java.io.OutputStream {
        private final PrintWriter writer;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        WriterStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            writer.print(pending.toString(StandardCharsets.UTF_8));
            writer.flush();
            pending.reset();
        }
    }
}
