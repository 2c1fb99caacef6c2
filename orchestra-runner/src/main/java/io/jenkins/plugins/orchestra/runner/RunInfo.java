package io.jenkins.plugins.orchestra.runner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A run's {@code run.json}: what {@code orchestra resume} needs to run it again as it was started. The Jenkinsfile's
 * text is saved next to it, as {@code Jenkinsfile}.
 *
 * @param jenkinsfile the Jenkinsfile, relative to the workspace
 * @param jenkinsfileSha256 the SHA-256 of the Jenkinsfile's text when the run started
 * @param branch {@code BRANCH_NAME} of the run, or {@code null}
 * @param credentials the credentials file given with {@code --credentials}, or {@code null} for the default
 * @param started when the run started, ISO-8601
 */
public record RunInfo(
        int run,
        String jenkinsfile,
        String jenkinsfileSha256,
        Map<String, String> params,
        String branch,
        String credentials,
        String started) {
    public RunInfo {
        Objects.requireNonNull(jenkinsfile, "jenkinsfile");
        Objects.requireNonNull(jenkinsfileSha256, "jenkinsfileSha256");
        Objects.requireNonNull(started, "started");
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
