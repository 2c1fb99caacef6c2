package io.jenkins.plugins.orchestra.provision;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.internal.FileTrees;
import io.jenkins.plugins.orchestra.process.ScriptException;
import io.jenkins.plugins.orchestra.process.ShellResult;
import io.jenkins.plugins.orchestra.process.ShellRunner;
import io.jenkins.plugins.orchestra.process.ShellScript;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a {@link ProvisionTool} works with during one {@code provision} call: the working directory, the environment,
 * credentials, private files, and running programs with the step's timeout, aborts and secret masking. Closing it
 * deletes the private files.
 */
public final class ProvisionContext implements AutoCloseable {
    private static final System.Logger LOGGER = System.getLogger(ProvisionContext.class.getName());
    private static final ShellRunner RUNNER = ShellRunner.create();
    private static final int KEPT_LINES = 400;
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./=:@%+,-]+");

    private final StepHost host;
    private final String tool;
    private final Path directory;
    private final Map<String, String> environment;
    private final boolean dryRun;
    private final Optional<Duration> timeout;
    private final long started = System.nanoTime();
    private Path privateDirectory;

    ProvisionContext(
            StepHost host,
            String tool,
            Path directory,
            Map<String, String> environment,
            boolean dryRun,
            Optional<Duration> timeout) {
        this.host = host;
        this.tool = tool;
        this.directory = directory;
        this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
        this.dryRun = dryRun;
        this.timeout = timeout;
    }

    /** The directory the tool runs in: the step's {@code dir}, or the host's current directory. */
    public Path directory() {
        return directory;
    }

    /** A path of the step's arguments, relative to {@link #directory()} unless absolute. */
    public Path resolve(String path) {
        return directory.resolve(path).normalize();
    }

    /** The environment programs run with: the host's, with the step's {@code env} and {@code secretEnv}. */
    public Map<String, String> environment() {
        return environment;
    }

    /** Whether to run the tool's own plan or check mode only, changing nothing. */
    public boolean dryRun() {
        return dryRun;
    }

    /** The host, for what this context does not cover. */
    public StepHost host() {
        return host;
    }

    /** Tells the user, masked. */
    public void info(String line) {
        listener().info(host.mask(line));
    }

    public StepListener listener() {
        return host.listener();
    }

    /** The secret text of these credentials ({@code string}), masked from now on. */
    public Secret secretText(String credentialsId) {
        Secret secret =
                host.credentials().get(credentialsId, StringCredential.class).secret();
        host.addSecret(secret);
        return secret;
    }

    /** These credentials, whose secrets are masked from now on. */
    public <C extends Credential> C credentials(String credentialsId, Class<C> type) {
        C credential = host.credentials().get(credentialsId, type);
        credential.secrets().forEach(host::addSecret);
        return credential;
    }

    /** The credentials with this id, whatever their kind; their secrets are masked from now on. */
    public Credential credentials(String credentialsId) {
        Credential credential = host.credentials().get(credentialsId);
        credential.secrets().forEach(host::addSecret);
        return credential;
    }

    /**
     * Writes a file only this user can read (mode 600) in a private directory (mode 700) that is deleted when the call
     * ends, and returns its path: a vault password, a private key, secret variables.
     */
    public Path privateFile(String name, byte[] content) {
        try {
            Path file = privateDirectory().resolve(name);
            if (posix()) {
                Files.deleteIfExists(file);
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a private file for provision", e);
        }
    }

    /** The private directory of this call, mode 700, deleted when the call ends. */
    public Path privateDirectory() {
        if (privateDirectory == null) {
            try {
                privateDirectory = posix()
                        ? Files.createTempDirectory(
                                "orchestra-provision-",
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                        : Files.createTempDirectory("orchestra-provision-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a private directory for provision", e);
            }
        }
        return privateDirectory;
    }

    /**
     * The program to run for {@code binary}: a path (relative to {@link #directory()}) when it has a {@code /}, else
     * the first executable of that name on the {@code PATH} of {@link #environment()}.
     *
     * @param installHint how to install it, for the message when it is missing: {@code install Ansible: apt-get install
     *     ansible}
     * @throws ProvisionException if there is none
     */
    public Path executable(String binary, String installHint) {
        if (binary.contains("/")) {
            Path p = resolve(binary);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw ProvisionException.missingTool(binary, "(no executable file " + p + ")", installHint);
        }
        String path = environment.getOrDefault(
                "PATH", Optional.ofNullable(System.getenv("PATH")).orElse(""));
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = directory.resolve(dir).resolve(binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw ProvisionException.missingTool(binary, "on PATH (" + path + ")", installHint);
    }

    /**
     * Runs a program to its end, showing its command line and its output, masked, as it runs; returns its exit code
     * rather than failing on it.
     *
     * @throws ProvisionException if the step's timeout passed; its processes were killed
     * @throws ScriptException.Aborted if the step was aborted; its processes were killed
     */
    public CommandResult run(ToolCommand command) {
        info("+ " + commandLine(command.argv()));
        String script =
                "exec " + command.argv().stream().map(ProvisionContext::quote).collect(Collectors.joining(" "));
        return execute(
                ShellScript.of(script, directory, merged(command.environment()))
                        .withEchoCommands(false)
                        .withStdout(command.captureStdout() ? ShellScript.Stdout.RETURN : ShellScript.Stdout.STREAM),
                what(command.argv()));
    }

    /**
     * Runs a shell script as the {@code sh} step does ({@code sh -xe}, or the interpreter of its {@code #!} line),
     * showing its output, masked, as it runs; returns its exit code rather than failing on it.
     */
    public CommandResult runScript(String text, Map<String, String> moreEnvironment) {
        return execute(ShellScript.of(text, directory, merged(moreEnvironment)), "the script");
    }

    private Map<String, String> merged(Map<String, String> more) {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.putAll(more);
        return env;
    }

    private CommandResult execute(ShellScript script, String what) {
        script = script.withReturnStatus(true);
        if (timeout.isPresent()) {
            Duration left = timeout.get().minusNanos(System.nanoTime() - started);
            if (left.isNegative() || left.isZero()) {
                throw ProvisionException.timedOut("provision (" + tool + ")", timeout.get());
            }
            script = script.withTimeout(left);
        }
        Deque<String> kept = new ArrayDeque<>();
        StepListener listener = listener();
        try {
            ShellResult result = RUNNER.run(
                    script,
                    host::mask,
                    line -> {
                        listener.info(line);
                        kept.addLast(line);
                        if (kept.size() > KEPT_LINES) {
                            kept.removeFirst();
                        }
                    },
                    host.cancellation());
            return new CommandResult(result.exitCode(), result.stdout().orElse(""), List.copyOf(kept));
        } catch (ScriptException.TimedOut e) {
            throw ProvisionException.timedOut("provision (" + tool + "): " + what, timeout.orElseThrow());
        }
    }

    /** {@code terraform apply}, {@code ansible-playbook}: the program and its subcommand, if it has one. */
    private static String what(List<String> argv) {
        String program = Path.of(argv.get(0)).getFileName().toString();
        return argv.size() > 1 && !argv.get(1).startsWith("-") && !argv.get(1).contains("/")
                ? program + " " + argv.get(1)
                : program;
    }

    /** The command line as a user would type it: arguments quoted only where the shell needs it. */
    static String commandLine(List<String> argv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < argv.size(); i++) {
            String a = i == 0 && argv.get(0).startsWith("/")
                    ? Path.of(argv.get(0)).getFileName().toString()
                    : argv.get(i);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(PLAIN_ARGUMENT.matcher(a).matches() ? a : quote(a));
        }
        return sb.toString();
    }

    /** Quotes for a POSIX shell: {@code it's} becomes {@code 'it'\''s'}. */
    static String quote(String argument) {
        return "'" + argument.replace("'", "'\\''") + "'";
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Deletes the private files. */
    @Override
    public void close() {
        if (privateDirectory != null) {
            try {
                FileTrees.delete(privateDirectory);
            } catch (IOException | UncheckedIOException e) {
                LOGGER.log(Level.WARNING, "cannot delete the private directory " + privateDirectory, e);
            }
        }
    }
}
