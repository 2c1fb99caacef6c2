package io.jenkins.plugins.orchestra.host;

import java.util.Objects;
import java.util.Optional;

/**
 * The run a step belongs to, as users name it: {@code job}, {@code number}, a link when the host has one, and who
 * started it. Used for release logs, lock owners, notification dedup keys and messages.
 *
 * @param job the job's full name ({@code folder/job/branch}; the runner: the workspace's directory name)
 * @param number the run number, positive
 * @param url a link to the run, or empty if the host has none
 * @param user who started the run, or {@code "anonymous"}
 */
public record RunRef(String job, int number, String url, String user) {
    public RunRef {
        Objects.requireNonNull(job, "job");
        if (job.isBlank()) {
            throw new IllegalArgumentException("job must not be blank");
        }
        if (number < 1) {
            throw new IllegalArgumentException("number must be positive, was " + number);
        }
        url = url == null ? "" : url;
        user = user == null || user.isBlank() ? "anonymous" : user;
    }

    /** {@code job#number}: the run's id in logs, locks and dedup keys. */
    public String id() {
        return job + "#" + number;
    }

    public Optional<String> link() {
        return url.isEmpty() ? Optional.empty() : Optional.of(url);
    }
}
