package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.internal.FileTrees;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * {@code orchestra warm-up}: lints and runs a bundled Jenkinsfile in a temporary workspace, printing nothing, so that
 * a JVM started with {@code -XX:ArchiveClassesAtExit} records the classes a typical run needs. The {@code ./orchestra}
 * wrapper does this once per build of the runner and starts later runs with that class-data archive.
 */
final class WarmUp {
    static final String JENKINSFILE = "warm-up.jenkinsfile";

    private WarmUp() {}

    /** The outcome of the bundled run, which succeeds unless the runner is broken. */
    static JenkinsfileRunner.Outcome run() throws IOException {
        Path workspace = Files.createTempDirectory("orchestra-warm-up");
        try {
            Path jenkinsfile = workspace.resolve("Jenkinsfile");
            try (InputStream in = WarmUp.class.getResourceAsStream(JENKINSFILE)) {
                if (in == null) {
                    throw new IOException("missing resource " + JENKINSFILE);
                }
                Files.copy(in, jenkinsfile);
            }
            Jenkinsfiles.check(Files.readString(jenkinsfile, StandardCharsets.UTF_8), java.util.List.of());
            Path credentials = Files.createFile(
                    workspace.resolve("credentials.json"),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(
                    credentials,
                    "{\"credentials\": {\"warm-up-token\": {\"type\": \"string\", \"secret\": \"s3cret\"}}}",
                    StandardCharsets.UTF_8);
            PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            return LocalRun.run(
                    new LocalRun.Options(
                            jenkinsfile,
                            Map.of(),
                            InputProvider.unattended(),
                            null,
                            Optional.of(credentials),
                            false,
                            false,
                            java.util.List.of(),
                            // the dashboard's classes go into the archive too, so its server starts sooner
                            new LocalRun.Ui(true, 0, "warm-up")),
                    nowhere);
        } finally {
            FileTrees.delete(workspace);
        }
    }
}
