package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.RunRef;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SecretMasker;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.StepListener;
import io.jenkins.plugins.orchestra.process.Cancellation;
import io.jenkins.plugins.orchestra.runner.config.ProjectConfig;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the {@link StepHost} each automation step ({@code deploy}, {@code provision}, {@code notify}) of the runner
 * works with: the current directory and environment, the run's credentials and masker, the console of the current
 * stage, and {@code orchestra.yaml}.
 */
public final class RunnerStepHosts {
    private final CredentialStore credentials;
    private final SecretMasker masker;
    private ProjectConfig config;

    public RunnerStepHosts(CredentialStore credentials, SecretMasker masker) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.masker = Objects.requireNonNull(masker, "masker");
    }

    /** A host for a step called now, in the runtime's current context. */
    public StepHost forCall(PipelineRuntime rt) {
        ExecutionContext context = rt.context();
        Map<String, String> env = rt.environment();
        ProjectConfig projectConfig = config(rt.workspace(), env);
        RunRef run = new RunRef(
                env.getOrDefault("JOB_NAME", "local"),
                parseNumber(env.get("BUILD_NUMBER")),
                env.getOrDefault("BUILD_URL", ""),
                env.getOrDefault("BUILD_USER_ID", System.getProperty("user.name")));
        boolean dryRun = "true".equals(env.get("ORCHESTRA_DRY_RUN"));
        Cancellation cancellation = new Cancellation();
        StepListener listener = line -> rt.console().println(context, line);
        return new StepHost() {
            @Override
            public Path workspace() {
                return context.cwd();
            }

            @Override
            public Map<String, String> environment() {
                return env;
            }

            @Override
            public CredentialStore credentials() {
                return credentials;
            }

            @Override
            public void addSecret(Secret secret) {
                masker.add(secret);
            }

            @Override
            public String mask(CharSequence text) {
                return masker.mask(text);
            }

            @Override
            public StepListener listener() {
                return listener;
            }

            @Override
            public Cancellation cancellation() {
                return cancellation;
            }

            @Override
            public RunRef run() {
                return run;
            }

            @Override
            public InstantSource clock() {
                return rt.clock();
            }

            @Override
            public boolean dryRun() {
                return dryRun;
            }

            @Override
            public Map<String, Map<String, Object>> configured(String section) {
                return projectConfig.section(section);
            }
        };
    }

    private synchronized ProjectConfig config(Path workspace, Map<String, String> env) {
        if (config == null) {
            config = ProjectConfig.forWorkspace(workspace, env);
        }
        return config;
    }

    private static int parseNumber(String number) {
        try {
            return number == null ? 1 : Math.max(1, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
