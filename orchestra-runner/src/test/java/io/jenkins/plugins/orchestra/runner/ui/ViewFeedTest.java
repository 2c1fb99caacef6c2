package io.jenkins.plugins.orchestra.runner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.runner.Main;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a real run of a Jenkinsfile feeds the fold, as the view.json it leaves shows it. */
class ViewFeedTest {
    @TempDir
    Path workspace;

    private JsonNode run(String fixture) throws Exception {
        Path jenkinsfile = workspace.resolve("Jenkinsfile");
        try (InputStream in = getClass().getResourceAsStream("/ui/" + fixture)) {
            Files.write(jenkinsfile, in.readAllBytes());
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(Main.run(new String[] {"run", jenkinsfile.toString(), "--no-ui"}, quiet, quiet))
                .isZero();
        return new ObjectMapper()
                .readTree(workspace.resolve(".orchestra/runs/1/view.json").toFile());
    }

    @Test
    void groupsABranchOfSeveralStagesAndNestedStagesAndFansParallelBranchesOutAndIn() throws Exception {
        JsonNode view = run("scripted-parallel-branches-with-stages.jenkinsfile");

        Map<String, String> names = new HashMap<>();
        Map<String, String> parents = new HashMap<>();
        for (JsonNode s : view.path("stages")) {
            names.put(s.path("id").asText(), s.path("name").asText());
        }
        for (JsonNode s : view.path("stages")) {
            String parent =
                    s.path("parent").isNull() ? "-" : names.get(s.path("parent").asText());
            parents.put(s.path("name").asText() + "/" + s.path("kind").asText(), parent);
        }
        assertThat(parents)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "Build/stage", "-",
                        "linux/branch", "-",
                        "Compile linux/stage", "linux",
                        "Test linux/stage", "linux",
                        "windows/stage", "-",
                        "Release/stage", "-",
                        "Tag/stage", "Release",
                        "Publish/stage", "Release"));
        List<String> edges = new ArrayList<>();
        for (JsonNode e : view.path("edges")) {
            edges.add(names.get(e.path("from").asText()) + "->"
                    + names.get(e.path("to").asText()));
        }
        assertThat(edges)
                .containsExactlyInAnyOrder(
                        "Build->Compile linux",
                        "Compile linux->Test linux",
                        "Build->windows",
                        "Test linux->Tag",
                        "windows->Tag",
                        "Tag->Publish");
        assertThat(view.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(view.path("criticalPath").path("stages")).isNotEmpty();
    }
}
