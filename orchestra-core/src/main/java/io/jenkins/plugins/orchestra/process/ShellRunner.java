package io.jenkins.plugins.orchestra.process;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Runs {@link ShellScript shell scripts} as Jenkins' {@code sh} step does, and never leaves one running: on timeout,
 * {@link Cancellation} or interruption of the calling thread its whole process tree is stopped, {@code SIGTERM} first
 * and {@code SIGKILL} after a grace period, before {@link #run} returns. See the package documentation for how a
 * script runs, which processes are killed, and the limits.
 *
 * <p>Immutable and safe to share: one runner may run many scripts at once, each on its caller's thread; no thread is
 * started.
 */
public final class ShellRunner {
    /**
     * The variable added to every script's environment, with a value unique to the run, by which processes that left
     * the script's session are still found and killed.
     */
    public static final String COOKIE_VARIABLE = "ORCHESTRA_PROCESS_COOKIE";

    /** Lines longer than this many bytes reach the sink in pieces. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    private static final System.Logger LOGGER = System.getLogger(ShellRunner.class.getName());
    private static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(10);
    private static final long MAX_PAUSE_MILLIS = 20;
    private static final Optional<Path> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();

    private final Path shell;
    private final Duration killGrace;
    private final Optional<Path> temporaryDirectory;

    private ShellRunner(Path shell, Duration killGrace, Optional<Path> temporaryDirectory) {
        this.shell = shell;
        this.killGrace = killGrace;
        this.temporaryDirectory = temporaryDirectory;
    }

    /** A runner with {@code /bin/sh}, a kill grace period of 10 seconds and the JVM's temporary directory. */
    public static ShellRunner create() {
        return new ShellRunner(Path.of("/bin/sh"), DEFAULT_KILL_GRACE, Optional.empty());
    }

    /** A copy that runs scripts with {@code shell}, an absolute path (Jenkins' "Shell executable"). */
    public ShellRunner withShell(Path shell) {
        Objects.requireNonNull(shell, "shell is required");
        if (!shell.isAbsolute()) {
            throw new IllegalArgumentException("shell must be an absolute path, was " + shell);
        }
        return new ShellRunner(shell, killGrace, temporaryDirectory);
    }

    /**
     * A copy that waits {@code killGrace} between {@code SIGTERM} and {@code SIGKILL}; zero kills at once. The grace
     * lets a script clean up (a {@code trap … TERM}).
     */
    public ShellRunner withKillGrace(Duration killGrace) {
        Objects.requireNonNull(killGrace, "killGrace is required");
        if (killGrace.isNegative()) {
            throw new IllegalArgumentException("killGrace must not be negative, was " + killGrace);
        }
        return new ShellRunner(shell, killGrace, temporaryDirectory);
    }

    /**
     * A copy that keeps each script and its output file in a new private directory under {@code directory} (in
     * Jenkins, the workspace's {@code @tmp}) instead of the JVM's temporary directory.
     */
    public ShellRunner withTemporaryDirectory(Path directory) {
        Objects.requireNonNull(directory, "directory is required");
        return new ShellRunner(shell, killGrace, Optional.of(directory));
    }

    /**
     * Runs {@code script} to its end and returns how it ended, or throws why it did not succeed.
     *
     * @param filter applied to every line before the sink sees it: the secret masker, or {@link
     *     UnaryOperator#identity()}
     * @param sink receives the output, line by line, as it is written
     * @param cancellation aborts the script when cancelled, from any thread
     * @throws ScriptException.Failed the script returned a non-zero exit code and {@link ShellScript#returnStatus()}
     *     was not asked
     * @throws ScriptException.TimedOut the script ran past {@link ShellScript#timeout()}; all its processes were
     *     killed
     * @throws ScriptException.Aborted {@code cancellation} was cancelled or the calling thread interrupted (its
     *     interrupt flag is set again); all the script's processes were killed
     * @throws ScriptException.CannotStart the shell or the working directory is missing, or the script's temporary
     *     files cannot be written
     */
    public ShellResult run(
            ShellScript script, UnaryOperator<String> filter, OutputSink sink, Cancellation cancellation) {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(cancellation, "cancellation");
        if (Thread.currentThread().isInterrupted()) {
            throw ScriptException.aborted("interrupted");
        }
        Optional<String> cancelled = cancellation.reason();
        if (cancelled.isPresent()) {
            throw ScriptException.aborted(cancelled.get());
        }
        checkCanStart(script);
        Path directory = createDirectory();
        try {
            return new Run(script, filter, sink, cancellation, directory).run();
        } finally {
            deleteQuietly(directory);
        }
    }

    private void checkCanStart(ShellScript script) {
        Path dir = script.workingDirectory();
        if (!Files.exists(dir)) {
            throw ScriptException.cannotStart("working directory " + dir + " does not exist");
        }
        if (!Files.isDirectory(dir)) {
            throw ScriptException.cannotStart("working directory " + dir + " is not a directory");
        }
        if (!script.hasInterpreterLine()) {
            if (!Files.exists(shell)) {
                throw ScriptException.cannotStart("shell " + shell + " does not exist");
            }
            if (!Files.isRegularFile(shell) || !Files.isExecutable(shell)) {
                throw ScriptException.cannotStart("shell " + shell + " is not an executable file");
            }
        }
    }

    private Path createDirectory() {
        try {
            if (temporaryDirectory.isPresent()) {
                Files.createDirectories(temporaryDirectory.get());
                return Files.createTempDirectory(temporaryDirectory.get(), "orchestra-sh-");
            }
            return Files.createTempDirectory("orchestra-sh-");
        } catch (IOException e) {
            throw ScriptException.cannotStart(
                    "its temporary directory cannot be created in "
                            + temporaryDirectory.map(Path::toString).orElse(System.getProperty("java.io.tmpdir"))
                            + " (" + e.getClass().getSimpleName() + ")",
                    e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOGGER.log(Level.WARNING, "cannot delete the script directory " + directory, e);
        }
    }

    /** One script's run, on the caller's thread. */
    private final class Run {
        private final ShellScript script;
        private final OutputSink sink;
        private final Cancellation cancellation;
        private final Path directory;
        private final LineSplitter lines;
        private final Wakeup wakeup = new Wakeup();

        Run(ShellScript script, UnaryOperator<String> filter, OutputSink sink, Cancellation cancellation, Path dir) {
            this.script = script;
            this.sink = sink;
            this.cancellation = cancellation;
            this.directory = dir;
            this.lines = new LineSplitter(script.encoding(), MAX_LINE_BYTES, line -> sink.line(filter.apply(line)));
        }

        ShellResult run() {
            boolean capture = script.stdout() != ShellScript.Stdout.STREAM;
            Path log = directory.resolve("log.txt");
            Path output = directory.resolve("output.txt");
            Path scriptFile = directory.resolve("script.sh");
            String cookie = UUID.randomUUID().toString();
            ProcessBuilder builder;
            try {
                writeScript(scriptFile);
                Files.createFile(log);
                builder = processBuilder(scriptFile, cookie);
                if (capture) {
                    Files.createFile(output);
                    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
                    builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
                } else {
                    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                    builder.redirectErrorStream(true);
                }
            } catch (IOException e) {
                throw ScriptException.cannotStart(
                        "its files cannot be written in " + directory + " ("
                                + e.getClass().getSimpleName() + ")",
                        e);
            }
            long started = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw ScriptException.cannotStart(
                        e.getMessage() == null
                                ? e.toString()
                                : e.getMessage().lines().findFirst().orElse(""),
                        e);
            }
            ProcessTree tree = new ProcessTree(process.toHandle(), COOKIE_VARIABLE + "=" + cookie);
            process.onExit().thenRun(wakeup::wake);
            Runnable stopListening = cancellation.onCancel(wakeup::wake);
            boolean finished = false;
            try (LogTail tail = new LogTail(log, lines)) {
                ScriptException stopped = supervise(process, tail, started);
                if (stopped != null) {
                    stop(tree, tail, stopped);
                    tail.finish();
                    finished = true;
                    throw stopped;
                }
                tail.finish();
                finished = true;
                int exitCode = process.exitValue();
                Duration duration = Duration.ofNanos(System.nanoTime() - started);
                if (exitCode != 0 && !script.returnStatus()) {
                    throw ScriptException.failed(exitCode);
                }
                return new ShellResult(
                        exitCode, capture ? Optional.of(readOutput(output)) : Optional.empty(), duration);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                stopListening.run();
                if (!finished && process.isAlive()) {
                    // a bug (the sink or filter threw, say): still leave nothing behind, and fast
                    tree.stop(Duration.ZERO, () -> true, () -> {}, notice -> {}, "stopping after an error");
                }
            }
        }

        /** Waits for the process to end, streaming its output; returns why it must be stopped, or null when it ended. */
        private ScriptException supervise(Process process, LogTail tail, long started) {
            long pause = 1;
            while (true) {
                boolean read = tail.poll() > 0;
                if (!process.isAlive()) {
                    return null;
                }
                Optional<String> cancelled = cancellation.reason();
                if (cancelled.isPresent()) {
                    return ScriptException.aborted(cancelled.get());
                }
                if (Thread.currentThread().isInterrupted()) {
                    return ScriptException.aborted("interrupted");
                }
                long wait = pause = read ? 1 : Math.min(pause * 2, MAX_PAUSE_MILLIS);
                if (script.timeout().isPresent()) {
                    long left = started + script.timeout().get().toNanos() - System.nanoTime();
                    if (left <= 0) {
                        return ScriptException.timedOut(script.timeout().get());
                    }
                    wait = Math.min(wait, left / 1_000_000 + 1);
                }
                if (!read) {
                    try {
                        wakeup.await(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return ScriptException.aborted("interrupted");
                    }
                }
            }
        }

        private void stop(ProcessTree tree, LogTail tail, ScriptException why) {
            // The interruption that may have caused the stop must not also hurry it; it is set again afterwards.
            boolean interrupted = Thread.interrupted();
            int requests = cancellation.requests();
            String reason = why instanceof ScriptException.TimedOut
                    ? "Timeout of " + Durations.format(script.timeout().orElseThrow()) + " exceeded"
                    : abortNotice(((ScriptException.Aborted) why).reason());
            tree.stop(killGrace, () -> cancellation.requests() > requests, tail::poll, sink::line, reason);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static String abortNotice(String reason) {
            return reason.isBlank() ? "Aborted" : "Aborted (" + reason + ")";
        }

        private void writeScript(Path scriptFile) throws IOException {
            boolean posix =
                    FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(
                        scriptFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.write(scriptFile, script.script().getBytes(script.encoding()));
        }

        private ProcessBuilder processBuilder(Path scriptFile, String cookie) {
            List<String> command = new ArrayList<>();
            // setsid makes the shell lead a new session and process group, which its background jobs stay in. The JVM's
            // child never leads a group, so setsid never forks and the shell keeps the pid we know.
            SETSID.ifPresent(p -> command.add(p.toString()));
            if (!script.hasInterpreterLine()) {
                command.add(shell.toString());
                command.add(script.echoCommands() ? "-xe" : "-e");
            }
            command.add(scriptFile.toString());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(script.workingDirectory().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> env = builder.environment();
            if (!script.inheritEnvironment()) {
                env.clear();
            }
            env.putAll(script.environment());
            env.put(COOKIE_VARIABLE, cookie);
            return builder;
        }

        private String readOutput(Path output) throws IOException {
            String text = new String(Files.readAllBytes(output), script.encoding());
            return script.stdout() == ShellScript.Stdout.RETURN_TRIMMED ? text.trim() : text;
        }
    }

    /** Wakes a waiting run early: the process ended or a cancellation came. */
    private static final class Wakeup {
        private boolean pending;

        synchronized void wake() {
            pending = true;
            notifyAll();
        }

        synchronized void await(long millis) throws InterruptedException {
            if (!pending) {
                wait(millis);
            }
            pending = false;
        }
    }
}
