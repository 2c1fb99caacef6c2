package io.jenkins.plugins.orchestra.runner.script;

import java.time.Duration;
import java.time.Instant;

/**
 * {@code currentBuild} in a Jenkinsfile: the build's number, result and description. As in Jenkins, a result set by the
 * script can only make the build worse.
 */
public final class CurrentBuild {
    private final int number;
    private final Instant started;
    private volatile BuildResult result;
    private volatile String description;
    private volatile String displayName;

    public CurrentBuild(int number, Instant started) {
        this.number = number;
        this.started = started;
        this.displayName = "#" + number;
    }

    public int getNumber() {
        return number;
    }

    /** The result set so far, or {@code null} while nothing made it worse than success (as in Jenkins). */
    public String getResult() {
        BuildResult r = result;
        return r == null ? null : r.name();
    }

    public void setResult(String value) {
        worsen(BuildResult.parse("currentBuild.result", value));
    }

    /** The result so far, {@code SUCCESS} while running well. */
    public String getCurrentResult() {
        return current().name();
    }

    public boolean resultIsBetterOrEqualTo(String other) {
        return !current().isWorseThan(BuildResult.parse("result", other));
    }

    public boolean resultIsWorseOrEqualTo(String other) {
        return !BuildResult.parse("result", other).isWorseThan(current());
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public long getStartTimeInMillis() {
        return started.toEpochMilli();
    }

    public long getDuration() {
        return Duration.between(started, Instant.now()).toMillis();
    }

    public String getDurationString() {
        return io.jenkins.plugins.orchestra.internal.Durations.format(Duration.ofMillis(getDuration()))
                + " and counting";
    }

    /** Past runs are not kept across invocations yet. */
    public Object getPreviousBuild() {
        return null;
    }

    public BuildResult current() {
        BuildResult r = result;
        return r == null ? BuildResult.SUCCESS : r;
    }

    public synchronized void worsen(BuildResult to) {
        result = current().combine(to);
    }
}
