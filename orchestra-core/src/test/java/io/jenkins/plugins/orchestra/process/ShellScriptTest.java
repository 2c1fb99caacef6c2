package io.jenkins.plugins.orchestra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.jenkins.plugins.orchestra.process.ShellScript.Stdout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellScriptTest {
    private static final Path WS = Path.of("/ws");

    @Test
    void defaultsToJenkinsShSemantics() {
        ShellScript script = ShellScript.of("make", WS, Map.of());

        assertThat(script.echoCommands()).isTrue();
        assertThat(script.stdout()).isEqualTo(Stdout.STREAM);
        assertThat(script.returnStatus()).isFalse();
        assertThat(script.inheritEnvironment()).isFalse();
        assertThat(script.timeout()).isEmpty();
        assertThat(script.encoding()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void rejectsARelativeWorkingDirectoryNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShellScript.of("make", Path.of("ws"), Map.of()))
                .withMessage("workingDirectory must be an absolute path, was ws");
    }

    @Test
    void rejectsATimeoutThatIsNotPositiveNamingIt() {
        ShellScript script = ShellScript.of("make", WS, Map.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> script.withTimeout(Duration.ofSeconds(-1)))
                .withMessage("timeout must be positive, was PT-1S");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> script.withTimeout(Duration.ZERO))
                .withMessage("timeout must be positive, was PT0S");
    }

    @Test
    void rejectsBadVariableNamesButNeverShowsAValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShellScript.of("make", WS, Map.of("A=B", "x")))
                .withMessage("environment variable name must be non-empty, without '=' or NUL, was 'A=B'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShellScript.of("make", WS, Map.of("TOKEN", "s3cr3t\0")))
                .withMessage("environment variable TOKEN must have a value without NUL, was a value with NUL");
        Map<String, String> withNull = new HashMap<>();
        withNull.put("TOKEN", null);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ShellScript.of("make", WS, withNull))
                .withMessage("environment variable TOKEN must have a value without NUL, was null");
    }

    @Test
    void rejectsAnEncodingThatIsNotAsciiCompatible() {
        ShellScript script = ShellScript.of("make", WS, Map.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> script.withEncoding(StandardCharsets.UTF_16))
                .withMessage("encoding must be ASCII-compatible, was UTF-16");
    }

    @Test
    void copiesTheEnvironmentSoLaterChangesDoNotLeakIn() {
        Map<String, String> env = new HashMap<>(Map.of("A", "1"));
        ShellScript script = ShellScript.of("make", WS, env);
        env.put("B", "2");

        assertThat(script.environment()).containsOnlyKeys("A");
    }

    @Test
    void toStringShowsNeitherTheScriptNorVariableValues() {
        ShellScript script = ShellScript.of("deploy --token s3cr3t", WS, Map.of("TOKEN", "s3cr3t"));

        assertThat(script.toString()).contains("TOKEN").doesNotContain("s3cr3t");
        assertThat(new ShellResult(0, java.util.Optional.of("s3cr3t"), Duration.ZERO).toString())
                .doesNotContain("s3cr3t");
    }

    @Test
    void knowsAScriptThatNamesItsInterpreter() {
        assertThat(ShellScript.of("#!/usr/bin/env python3\nprint(1)", WS, Map.of())
                        .hasInterpreterLine())
                .isTrue();
        assertThat(ShellScript.of(" #!/bin/sh", WS, Map.of()).hasInterpreterLine())
                .isFalse();
    }
}
