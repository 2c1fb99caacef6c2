package io.jenkins.plugins.orchestra.notify.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.notify.ChannelKinds;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.RecordingSleeper;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxChannelTest {
    @TempDir
    Path workspace;

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
}
