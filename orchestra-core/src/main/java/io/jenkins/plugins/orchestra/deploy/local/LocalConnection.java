package io.jenkins.plugins.orchestra.deploy.local;

import io.jenkins.plugins.orchestra.deploy.ExecResult;
import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostException;
import io.jenkins.plugins.orchestra.internal.Durations;
import io.jenkins.plugins.orchestra.process.Cancellation;
import io.jenkins.plugins.orchestra.process.ScriptException;
import io.jenkins.plugins.orchestra.process.ShellResult;
import io.jenkins.plugins.orchestra.process.ShellRunner;
import io.jenkins.plugins.orchestra.process.ShellScript;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * This machine as a deploy host: commands run with {@code /bin/sh} through {@link ShellRunner} (a timeout or an
 * interruption kills the command's whole process tree), files are copied.
 */
final class LocalConnection implements HostConnection {
    /** Captured output stops growing past this, so a chatty hook cannot fill the heap. */
    private static final int MAX_CAPTURE = 1 << 20;

    private final String name;
    private final ShellRunner runner;
    private final Map<String, String> environment;
    private final Cancellation cancellation;

    LocalConnection(String name, ShellRunner runner, Map<String, String> environment, Cancellation cancellation) {
        this.name = name;
        this.runner = runner;
        this.environment = environment;
        this.cancellation = cancellation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ExecResult exec(String command, Duration timeout) throws InterruptedException {
        // ShellRunner runs scripts with -e; a host runs commands as sh -c does
        ShellScript script = ShellScript.of("set +e\n" + command, Path.of("/"), environment)
                .withEchoCommands(false)
                .withStdout(ShellScript.Stdout.RETURN)
                .withReturnStatus(true)
                .withTimeout(timeout);
        StringBuilder stderr = new StringBuilder();
        try {
            ShellResult result = runner.run(
                    script,
                    UnaryOperator.identity(),
                    line -> {
                        if (stderr.length() < MAX_CAPTURE) {
                            stderr.append(line).append('\n');
                        }
                    },
                    cancellation);
            String stdout = result.stdout().orElse("");
            if (stdout.length() > MAX_CAPTURE) {
                stdout = stdout.substring(stdout.length() - MAX_CAPTURE);
            }
            return new ExecResult(result.exitCode(), stdout, stderr.toString());
        } catch (ScriptException.TimedOut e) {
            throw new HostException(
                    name,
                    HostException.Kind.TIMED_OUT,
                    "a command ran past " + Durations.format(timeout) + " and was" + " stopped");
        } catch (ScriptException.Aborted e) {
            throw new InterruptedException(name + ": command aborted");
        } catch (ScriptException e) {
            throw new HostException(name, HostException.Kind.UNREACHABLE, "cannot run a command: " + e.getMessage(), e);
        }
    }

    @Override
    public void upload(Path localFile, String remotePath) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException(name + ": upload aborted");
        }
        try {
            Files.copy(localFile, Path.of(remotePath), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new HostException(
                    name, HostException.Kind.TRANSFER_FAILED, "cannot write " + remotePath + ": " + why(e), e);
        }
    }

    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        // nothing is held open
    }
}
