/**
 * {@code notify}: one policy for sending a run's news to people, over channels that are an SPI ({@link
 * io.jenkins.plugins.orchestra.notify.ChannelKind}): {@code email}, {@code slack}, {@code teams}, {@code mattermost},
 * {@code webhook} and {@code outbox}, each in its own package.
 *
 * <p>{@link io.jenkins.plugins.orchestra.notify.Notifier} applies the policy for every channel alike: {@code when}
 * over the run's outcome and the previous run's ({@link io.jenkins.plugins.orchestra.notify.Condition}); Mustache
 * templates over a {@link io.jenkins.plugins.orchestra.notify.RunContext}, with a default per outcome; retries with
 * exponential backoff and jitter that honour {@code Retry-After}; one message per (run, channel, event), remembered in
 * a directory the host gives ({@link io.jenkins.plugins.orchestra.notify.NotifyState}), so a retried or resumed run
 * does not send it twice; {@code required} (a failed send fails the step) or not (a warning); and secrets masked in
 * every message, log line and result.
 */
package io.jenkins.plugins.orchestra.notify;
