package io.jenkins.plugins.orchestra.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.notify.ChannelKinds;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyException;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.RecordingSleeper;
import io.jenkins.plugins.orchestra.notify.RunContext;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxChannelTest {
    @TempDir
    Path dir;

    private Path workspace;

    @org.junit.jupiter.api.BeforeEach
    void workspace() throws Exception {
        workspace = Files.createDirectory(dir.resolve("ws"));
    }

    private NotifyResult notify(RecordingStepHost host, RunContext run, Map<String, Object> settings, String event)
            throws InterruptedException {
        return new Notifier(ChannelKinds.installed(), new RecordingSleeper(), RandomGenerator.of("L64X128MixRandom"))
                .notify(
                        new NotifyRequest(List.of(ChannelRef.named("local")), settings, event),
                        run,
                        host,
                        NotifyState.in(dir.resolve("state")));
    }

    private RecordingStepHost host(String directory) {
        return new RecordingStepHost(workspace).channel("local", Map.of("kind", "outbox", "directory", directory));
    }

    /** Every file under {@code dir}, outside the workspace too, as paths relative to it. */
    private List<String> filesUnder(Path root) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString())
                    .sorted()
                    .toList();
        }
    }

    @Test
    void writesEachMessageAsANumberedJsonFileUnderTheWorkspace() throws Exception {
        String planted = "hunter2-planted-secret";
        RecordingStepHost host = new RecordingStepHost(workspace)
                .channel("local", Map.of("kind", "outbox", "directory", "target/outbox"));
        host.addSecret(Secret.of(planted));
        Notifier notifier =
                new Notifier(ChannelKinds.installed(), new RecordingSleeper(), RandomGenerator.of("L64X128MixRandom"));

        notifier.notify(
                new NotifyRequest(List.of(ChannelRef.named("local")), Map.of("message", "v{{version}}"), "a"),
                TestRuns.succeeded(),
                host,
                NotifyState.in(workspace.resolve("state")));
        notifier.notify(
                new NotifyRequest(List.of(ChannelRef.named("local")), Map.of(), "b"),
                TestRuns.failed(Optional.empty(), List.of("echo " + planted)),
                host,
                NotifyState.in(workspace.resolve("state")));

        Path outbox = workspace.resolve("target/outbox");
        try (Stream<Path> files = Files.list(outbox)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("0001-local.json", "0002-local.json");
        }
        JsonNode first =
                new ObjectMapper().readTree(outbox.resolve("0001-local.json").toFile());
        assertThat(first.path("title").asText()).isEqualTo("✅ shop #7 succeeded");
        assertThat(first.path("message").asText()).isEqualTo("v1.4.2");
        assertThat(first.path("event").asText()).isEqualTo("a");
        String second = Files.readString(outbox.resolve("0002-local.json"));
        assertThat(second).contains("echo ****").doesNotContain(planted);
        assertThat(host.lines()).contains("notify: sent to 'local' (outbox): ✅ shop #7 succeeded [0001-local.json]");
    }

    @Test
    void refusesAnAbsoluteDirectoryNamingTheSetting() throws Exception {
        Path elsewhere = dir.resolve("elsewhere");

        assertThatThrownBy(() -> notify(host(elsewhere.toString()), TestRuns.succeeded(), Map.of(), "a"))
                .isInstanceOf(NotifyException.class)
                .hasMessage("channel 'local' (outbox): directory must be relative to the workspace, was '" + elsewhere
                        + "'");
        assertThat(elsewhere).doesNotExist();
    }

    @Test
    void refusesADirectoryThatClimbsOutOfTheWorkspace() throws Exception {
        assertThatThrownBy(() -> notify(host("target/../../escaped"), TestRuns.succeeded(), Map.of(), "a"))
                .isInstanceOf(NotifyException.class)
                .hasMessage("channel 'local' (outbox): directory must stay inside the workspace,"
                        + " was 'target/../../escaped'");
        assertThat(dir.resolve("escaped")).doesNotExist();
    }

    @Test
    void refusesAnEscapeGivenAsTheCallsOwnSetting() throws Exception {
        RecordingStepHost host = host("target/outbox");
        Map<String, Object> inline = new LinkedHashMap<>();
        inline.put("name", "mine");
        inline.put("kind", "outbox");
        inline.put("directory", "/tmp");
        Notifier notifier =
                new Notifier(ChannelKinds.installed(), new RecordingSleeper(), RandomGenerator.of("L64X128MixRandom"));

        assertThatThrownBy(() -> notify(host, TestRuns.succeeded(), Map.of("directory", "../x"), "a"))
                .isInstanceOf(NotifyException.class)
                .hasMessageContaining("directory must stay inside the workspace, was '../x'");
        assertThatThrownBy(() -> notifier.notify(
                        new NotifyRequest(List.of(ChannelRef.inline(inline)), Map.of(), "b"),
                        TestRuns.succeeded(),
                        host,
                        NotifyState.in(dir.resolve("state"))))
                .isInstanceOf(NotifyException.class)
                .hasMessage("channel 'mine' (outbox): directory must be relative to the workspace, was '/tmp'");
        assertThat(filesUnder(dir)).isEmpty();
    }

    @Test
    void refusesADirectoryThatLeadsOutThroughASymbolicLink() throws Exception {
        Path outside = Files.createDirectory(dir.resolve("outside"));
        Files.createSymbolicLink(workspace.resolve("target"), outside);

        assertThatThrownBy(() -> notify(host("target/outbox"), TestRuns.succeeded(), Map.of(), "a"))
                .isInstanceOf(NotifyException.class)
                .hasMessage("channel 'local' (outbox): directory leads out of the workspace through a symbolic link,"
                        + " was 'target/outbox'");
        assertThat(filesUnder(outside)).isEmpty();
        assertThat(outside.resolve("outbox")).doesNotExist();
    }

    @Test
    void aLinkThatStaysInsideTheWorkspaceIsFine() throws Exception {
        Path real = Files.createDirectories(workspace.resolve("build/outbox"));
        Files.createSymbolicLink(workspace.resolve("outbox"), real);

        NotifyResult result = notify(host("outbox"), TestRuns.succeeded(), Map.of(), "a");

        assertThat(result.channels().get(0).status()).isEqualTo(NotifyResult.Status.SENT);
        assertThat(real.resolve("0001-local.json")).exists();
    }

    @Test
    void aPlantedSecretReachesNeitherTheFilesNorTheLog() throws Exception {
        String planted = "hunter2-planted-secret";
        RecordingStepHost host = host("target/outbox");
        host.addSecret(Secret.of(planted));
        RunContext run = TestRuns.failed(
                Optional.empty(), List.of("curl -u deploy:" + planted + " https://repo"), "login " + planted);

        notify(host, run, Map.of("title", "{{run}} " + planted), "a " + planted);
        notify(host, run, Map.of("message", "token was " + planted), "b");

        Path outbox = workspace.resolve("target/outbox");
        assertThat(filesUnder(outbox)).containsExactly("0001-local.json", "0002-local.json");
        for (String name : filesUnder(outbox)) {
            assertThat(Files.readString(outbox.resolve(name))).doesNotContain(planted);
        }
        assertThat(Files.readString(outbox.resolve("0001-local.json")))
                .contains("curl -u deploy:****")
                .contains("\"title\" : \"shop #7 ****\"");
        assertThat(Files.readString(outbox.resolve("0002-local.json"))).contains("token was ****");
        assertThat(host.log()).doesNotContain(planted);
        assertThat(dir.resolve("state").resolve(NotifyState.FILE_NAME))
                .content()
                .doesNotContain(planted);
    }
}
