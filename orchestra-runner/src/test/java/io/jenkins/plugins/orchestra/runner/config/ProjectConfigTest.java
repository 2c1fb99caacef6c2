package io.jenkins.plugins.orchestra.runner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectConfigTest {
    @TempDir
    Path dir;

    @Test
    void workspaceEntriesReplaceUserEntriesOfTheSameName() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(
                home.resolve("config.yaml"),
                """
                targets:
                  web: {kind: ssh, hosts: [a, b], base: /srv/old}
                  db: {kind: local, base: /tmp/db}
                """);
        Files.writeString(
                workspace.resolve("orchestra.yaml"),
                """
                targets:
                  web:
                    kind: local
                    base: /srv/new
                channels:
                  ops: {kind: webhook}
                """);

        ProjectConfig config = ProjectConfig.forWorkspace(workspace, Map.of("ORCHESTRA_HOME", home.toString()));

        assertThat(config.section("targets")).containsOnlyKeys("web", "db");
        assertThat(config.section("targets").get("web")).isEqualTo(Map.of("kind", "local", "base", "/srv/new"));
        assertThat(config.section("targets").get("db")).containsEntry("base", "/tmp/db");
        assertThat(config.section("channels").get("ops")).containsEntry("kind", "webhook");
        assertThat(config.section("nothing")).isEmpty();
    }

    @Test
    void noFilesMeansEmptySections() {
        ProjectConfig config = ProjectConfig.of(List.of(dir.resolve("missing.yaml")));

        assertThat(config.section("targets")).isEmpty();
    }

    @Test
    void invalidYamlNamesTheFileAndLine() throws Exception {
        Path file = dir.resolve("orchestra.yaml");
        Files.writeString(file, "targets:\n  web: {kind: ssh\n  db: [\n");

        assertThatThrownBy(() -> ProjectConfig.of(List.of(file)).section("targets"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageContaining("not valid YAML")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithoutAClassName() throws Exception {
        Path file = dir.resolve("orchestra.yaml");
        java.nio.file.Files.write(
                file, "targets:\n  web:\n    base: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ProjectConfig.of(List.of(file)).section("targets"))
                .hasMessage(file + ": not UTF-8 text; save it as UTF-8");
    }

    @Test
    void entryThatIsNotAMapIsNamed() throws Exception {
        Path file = dir.resolve("orchestra.yaml");
        Files.writeString(file, "targets:\n  web: just-a-string\n");

        assertThatThrownBy(() -> ProjectConfig.of(List.of(file)).section("targets"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": targets.web must be a map of settings, was 'just-a-string'");
    }

    @Test
    void sectionThatIsAListIsNamed() throws Exception {
        Path file = dir.resolve("orchestra.yaml");
        Files.writeString(file, "channels:\n  - slack\n");

        assertThatThrownBy(() -> ProjectConfig.of(List.of(file)).section("channels"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": 'channels' must map names to settings, was a list");
    }

    @Test
    void aMisspelledSectionIsRefusedNamingItAndItsLine() throws Exception {
        Path file = dir.resolve("orchestra.yaml");
        Files.writeString(file, "channels:\n  c:\n    kind: outbox\ntargetz:\n  fleet:\n    kind: local\n");

        assertThatThrownBy(() -> ProjectConfig.of(List.of(file)).section("channels"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":4: unknown section 'targetz' (did you mean 'targets'?); the sections are targets"
                        + " and channels");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingItAndItsLine() throws Exception {
        Path file = dir.resolve("orchestra.yaml");
        Files.writeString(file, "targets:\n  fleet:\n    kind: local\n    kind: ssh\n    base: x\n");

        assertThatThrownBy(() -> ProjectConfig.of(List.of(file)).section("targets"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ":4: not valid YAML: ")
                .hasMessageContaining("'kind'")
                .hasMessageNotContaining("\n");
    }
}
