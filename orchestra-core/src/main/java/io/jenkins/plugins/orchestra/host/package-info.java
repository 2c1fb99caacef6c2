/**
 * What an automation needs from whoever runs it, the Jenkins plugin or the local runner ({@link
 * io.jenkins.plugins.orchestra.host.StepHost}): the workspace and environment, credentials and the masking of their
 * values in everything the run prints, user-facing output, cancellation, the run's identity and the host's named
 * configuration.
 *
 * <p>A secret value is a {@link io.jenkins.plugins.orchestra.host.Secret}, never a {@code String}, so that it cannot
 * reach a log line, an event, the journal or a notification by accident. A host keeps one {@link
 * io.jenkins.plugins.orchestra.host.SecretMasker} per run, adds every secret it binds, and passes all output through
 * it: {@link io.jenkins.plugins.orchestra.host.SecretMasker#mask(CharSequence)} for text and {@link
 * io.jenkins.plugins.orchestra.host.MaskingOutputStream} for process output.
 */
package io.jenkins.plugins.orchestra.host;
