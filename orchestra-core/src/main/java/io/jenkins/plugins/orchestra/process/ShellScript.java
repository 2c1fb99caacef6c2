package io.jenkins.plugins.orchestra.process;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A shell script to run, with Jenkins {@code sh} semantics: it runs as {@code /bin/sh -xe script.sh} in {@code
 * workingDirectory}, so each command is echoed with a {@code + } prefix and the first failing command ends it. A script
 * that starts with {@code #!} is run by the interpreter it names instead, without {@code -xe}.
 *
 * <p>Start from {@link #of} and change the defaults with the {@code with…} methods, each of which returns a copy:
 *
 * <pre>{@code
 * ShellScript.of("make test", workspace, env).withTimeout(Duration.ofMinutes(30))
 * ShellScript.of("git rev-parse HEAD", workspace, env).withStdout(Stdout.RETURN_TRIMMED)
 * }</pre>
 *
 * @param script the script's text; it may be empty
 * @param workingDirectory an absolute path to the directory the script runs in; it must exist when the script runs
 * @param environment the script's whole environment: nothing is inherited from this JVM unless {@code
 *     inheritEnvironment}; without {@code PATH} the shell uses its built-in default path
 * @param inheritEnvironment whether the script also sees this JVM's environment, under {@code environment}; default
 *     {@code false}
 * @param echoCommands whether the shell echoes each command ({@code -x}, Jenkins' default); default {@code true}
 * @param stdout whether stdout is streamed or returned; default {@link Stdout#STREAM}
 * @param returnStatus whether a non-zero exit code is returned ({@code true}) or fails the run with {@link
 *     ScriptException.Failed} ({@code false}, the default), as Jenkins' {@code returnStatus}
 * @param timeout how long the script may run before it is killed with all its processes; default none
 * @param encoding the charset of the script's text and of its output; ASCII-compatible; default UTF-8
 */
public record ShellScript(
        String script,
        Path workingDirectory,
        Map<String, String> environment,
        boolean inheritEnvironment,
        boolean echoCommands,
        Stdout stdout,
        boolean returnStatus,
        Optional<Duration> timeout,
        Charset encoding) {

    /** What happens to the script's standard output. */
    public enum Stdout {
        /** Streamed to the sink with stderr, interleaved as written (Jenkins' default). */
        STREAM,
        /** Returned whole in {@link ShellResult#stdout()}, exactly; only stderr is streamed ({@code returnStdout}). */
        RETURN,
        /** Returned like {@link #RETURN}, with leading and trailing whitespace removed as Groovy's {@code trim()}. */
        RETURN_TRIMMED
    }

    /** Validates every field; the message names the field and its bad value. */
    public ShellScript {
        Objects.requireNonNull(script, "script is required");
        Objects.requireNonNull(workingDirectory, "workingDirectory is required");
        if (!workingDirectory.isAbsolute()) {
            throw new IllegalArgumentException("workingDirectory must be an absolute path, was " + workingDirectory);
        }
        environment = checkedEnvironment(environment);
        Objects.requireNonNull(stdout, "stdout is required");
        Objects.requireNonNull(timeout, "timeout is required; use Optional.empty() for none");
        timeout.ifPresent(t -> {
            if (t.isNegative() || t.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + t);
            }
        });
        Objects.requireNonNull(encoding, "encoding is required");
        if (!Arrays.equals("\n+ A".getBytes(encoding), new byte[] {'\n', '+', ' ', 'A'})) {
            throw new IllegalArgumentException("encoding must be ASCII-compatible, was " + encoding.name());
        }
    }

    /** A script with the defaults: commands echoed, stdout streamed, a non-zero exit fails, no timeout, UTF-8. */
    public static ShellScript of(String script, Path workingDirectory, Map<String, String> environment) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                false,
                true,
                Stdout.STREAM,
                false,
                Optional.empty(),
                StandardCharsets.UTF_8);
    }

    /** A copy that also sees this JVM's environment (or not), under {@link #environment()}. */
    public ShellScript withInheritEnvironment(boolean inheritEnvironment) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                inheritEnvironment,
                echoCommands,
                stdout,
                returnStatus,
                timeout,
                encoding);
    }

    /** A copy that echoes each command ({@code -x}) or not. */
    public ShellScript withEchoCommands(boolean echoCommands) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                inheritEnvironment,
                echoCommands,
                stdout,
                returnStatus,
                timeout,
                encoding);
    }

    /** A copy that streams or returns stdout. */
    public ShellScript withStdout(Stdout stdout) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                inheritEnvironment,
                echoCommands,
                stdout,
                returnStatus,
                timeout,
                encoding);
    }

    /** A copy that returns a non-zero exit code ({@code true}) or fails with it. */
    public ShellScript withReturnStatus(boolean returnStatus) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                inheritEnvironment,
                echoCommands,
                stdout,
                returnStatus,
                timeout,
                encoding);
    }

    /** A copy that is killed, with all its processes, after {@code timeout}. */
    public ShellScript withTimeout(Duration timeout) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                inheritEnvironment,
                echoCommands,
                stdout,
                returnStatus,
                Optional.of(Objects.requireNonNull(timeout, "timeout is required")),
                encoding);
    }

    /** A copy whose text and output are in {@code encoding}. */
    public ShellScript withEncoding(Charset encoding) {
        return new ShellScript(
                script,
                workingDirectory,
                environment,
                inheritEnvironment,
                echoCommands,
                stdout,
                returnStatus,
                timeout,
                encoding);
    }

    /** Whether the script names its own interpreter on a {@code #!} line, and so runs without {@code -xe}. */
    public boolean hasInterpreterLine() {
        return script.startsWith("#!");
    }

    private static Map<String, String> checkedEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment is required");
        Map<String, String> copy = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            if (name == null || name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment variable name must be non-empty, without '=' or NUL,"
                        + " was " + (name == null ? "null" : "'" + name.replace("\0", "\\0") + "'"));
            }
            if (value == null || value.indexOf('\0') >= 0) {
                // the value may be a secret: never in a message
                throw new IllegalArgumentException("environment variable " + name
                        + " must have a value without NUL, was " + (value == null ? "null" : "a value with NUL"));
            }
            copy.put(name, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    /** Names the environment's variables but not their values, which may be secrets; the script neither. */
    @Override
    public String toString() {
        return "ShellScript[" + script.length() + " chars in " + workingDirectory + ", environment "
                + environment.keySet()
                + (inheritEnvironment ? " and inherited" : "") + ", echoCommands=" + echoCommands + ", stdout=" + stdout
                + ", returnStatus=" + returnStatus + ", timeout="
                + timeout.map(Duration::toString).orElse("none")
                + ", encoding=" + encoding.name() + "]";
    }
}
