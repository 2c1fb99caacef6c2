package io.jenkins.plugins.orchestra.runner.script;

import java.time.Duration;
import java.time.Instant;

/**
 * A stage that ran, for the summary and the JUnit report.
 *
 * @param name as the Jenkinsfile named it
 * @param branch the {@code parallel} branch it ran in, or {@code null}
 * @param error why it failed, or {@code null}
 */
public record StageRecord(
        String name, String branch, BuildResult result, Instant started, Instant ended, String error) {
    public Duration duration() {
        return Duration.between(started, ended);
    }
}
