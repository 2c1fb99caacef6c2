package io.jenkins.plugins.orchestra.runner.declarative;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Jenkinsfiles under {@code src/test/resources/declarative}. */
final class DeclarativeFixtures {
    private DeclarativeFixtures() {}

    static String read(String name) {
        try (InputStream in = DeclarativeFixtures.class.getResourceAsStream("/declarative/" + name + ".jenkinsfile")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
