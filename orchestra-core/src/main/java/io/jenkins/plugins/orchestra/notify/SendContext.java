package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.host.StepListener;
import java.time.Duration;
import java.time.InstantSource;

/**
 * What a channel has for one attempt.
 *
 * @param attempt 1 for the first
 * @param timeout how long the attempt may take
 * @param memory what the channel keeps for the run (Slack's thread), saved with the run's notification state
 * @param listener for warnings that do not fail the send
 * @param clock to read {@code Retry-After} dates against
 */
public record SendContext(
        int attempt, Duration timeout, ChannelMemory memory, StepListener listener, InstantSource clock) {}
