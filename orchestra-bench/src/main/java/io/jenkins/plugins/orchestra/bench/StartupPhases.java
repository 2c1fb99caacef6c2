package io.jenkins.plugins.orchestra.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import groovy.lang.GroovySystem;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.runner.Main;
import io.jenkins.plugins.orchestra.runner.credentials.LocalCredentialStore;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeError;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeValidator;
import io.jenkins.plugins.orchestra.runner.script.Console;
import io.jenkins.plugins.orchestra.runner.script.CurrentBuild;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.PipelineScript;
import io.jenkins.plugins.orchestra.runner.steps.BuiltInSteps;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Where a cold {@code orchestra run} spends its time before the first stage: the same work, phase by phase, through
 * the runner's public API, in a fresh JVM. It prints {@code PHASE <name>} as it ends each phase; {@link StartupBench}
 * times those lines as they come, on the same clock as the whole launches.
 *
 * <p>The phases are in the order {@code orchestra run} does them, except that the Groovy runtime, which picocli starts
 * as it builds the command line (its factory looks for Groovy closures), is started on its own first. Jackson starts
 * after the run, when the runner writes {@code summary.json}.
 */
public final class StartupPhases {
    /** The first stage line, which ends the phase before it: not printed by this class, the run prints it. */
    static final String FIRST_STAGE = "run to first stage";

    /** The phases, each named where it ends, in order. */
    static final List<String> PHASES = List.of(
            "main",
            "Groovy runtime",
            "picocli",
            "validate",
            "compile",
            "credentials",
            "git",
            FIRST_STAGE,
            "rest of the run",
            "Jackson, for summary.json");

    private StartupPhases() {}

    /** {@code StartupPhases <Jenkinsfile> [--no-validate]}: the latter compiles without validating first. */
    public static void main(String[] args) throws Exception {
        boolean validate = !(args.length > 1 && args[1].equals("--no-validate"));
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        phase(out, "main");
        GroovySystem.getMetaClassRegistry();
        phase(out, "Groovy runtime");
        new CommandLine(new Main()).parseArgs("run", args[0]);
        phase(out, "picocli");
        Path jenkinsfile = Path.of(args[0]).toAbsolutePath();
        String source = Files.readString(jenkinsfile, StandardCharsets.UTF_8);
        List<DeclarativeError> errors = validate ? DeclarativeValidator.validate(source) : List.of();
        if (!errors.isEmpty()) {
            throw new IllegalStateException("invalid Jenkinsfile: " + errors);
        }
        phase(out, "validate");
        PipelineScript script = JenkinsfileRunner.compile(source);
        phase(out, "compile");
        LocalCredentialStore credentials = LocalCredentialStore.load(Optional.empty());
        phase(out, "credentials");
        Process git = new ProcessBuilder("git", "rev-parse", "--abbrev-ref", "HEAD")
                .directory(jenkinsfile.getParent().toFile())
                .redirectErrorStream(true)
                .start();
        git.getInputStream().readAllBytes();
        git.waitFor();
        phase(out, "git");
        Path runDir = Files.createTempDirectory(jenkinsfile.getParent(), "run");
        SecretMasker masker = new SecretMasker();
        PipelineRuntime runtime = new PipelineRuntime(
                jenkinsfile.getParent(),
                new HashMap<>(System.getenv()),
                new Console(out, masker::mask),
                new CurrentBuild(1, Instant.now()),
                InstantSource.system());
        BuiltInSteps.registerAll(runtime, InputProvider.unattended(), credentials, masker, runDir);
        JenkinsfileRunner.run(script, runtime, Map.of());
        phase(out, "rest of the run");
        new ObjectMapper().writeValueAsString(Map.of("run", 1, "stages", List.of(Map.of("name", "Build"))));
        phase(out, "Jackson, for summary.json");
        System.exit(0);
    }

    private static void phase(PrintStream out, String name) {
        out.println(ColdLaunch.PHASE_MARK + name);
    }
}
