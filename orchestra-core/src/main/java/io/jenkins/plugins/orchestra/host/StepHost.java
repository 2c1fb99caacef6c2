package io.jenkins.plugins.orchestra.host;

import io.jenkins.plugins.orchestra.process.Cancellation;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * What an automation ({@code deploy}, {@code provision}, {@code notify}) needs from whoever runs it: the Jenkins
 * plugin (on the agent that holds the workspace) or the local runner. An automation never asks which host it runs in.
 *
 * <p>A host gives one {@code StepHost} per step call. Work is cancelled either through {@link #cancellation()} or by
 * interrupting the thread that runs the step; automations honour both.
 */
public interface StepHost {
    /** The directory relative paths in the step's arguments are resolved against (Jenkins: the current directory). */
    Path workspace();

    /** The step's environment ({@code env} in the Jenkinsfile, with {@code withEnv} and credentials bindings). */
    Map<String, String> environment();

    /** Credentials by id, never from the Jenkinsfile itself. */
    CredentialStore credentials();

    /**
     * Masks this value in everything the run prints from now on. Automations call it for every secret they use
     * (passwords, tokens, webhook URLs), even ones that came from {@link #credentials()}.
     */
    void addSecret(Secret secret);

    /** Masks every known secret in {@code text}, for text that leaves the host another way (a message, a file). */
    String mask(CharSequence text);

    /** User-facing progress. */
    StepListener listener();

    /** Requests to stop, from an abort or a {@code timeout}. */
    Cancellation cancellation();

    /** The run this step belongs to. */
    RunRef run();

    /** The host's clock. */
    InstantSource clock();

    /** Whether the whole run is a dry run: deploy and provision say what they would do and change nothing. */
    boolean dryRun();

    /**
     * The named entries of a section of the host's configuration ({@code targets}, {@code channels}): the runner's
     * {@code orchestra.yaml}, Jenkins' global configuration. Each entry is a map of plain values (strings, numbers,
     * booleans, lists, maps), as a Jenkinsfile would write it inline. Empty if the section is not configured.
     */
    Map<String, Map<String, Object>> configured(String section);
}
