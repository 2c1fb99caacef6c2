package io.jenkins.plugins.orchestra.runner.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.orchestra.deploy.TargetKinds;
import io.jenkins.plugins.orchestra.deploy.TargetRef;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.notify.Notifier;
import io.jenkins.plugins.orchestra.notify.NotifyRequest;
import io.jenkins.plugins.orchestra.notify.NotifyRequest.ChannelRef;
import io.jenkins.plugins.orchestra.notify.NotifyResult;
import io.jenkins.plugins.orchestra.notify.NotifyState;
import io.jenkins.plugins.orchestra.notify.TestRuns;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Configuration as Code example of docs/jenkins.md, read the way the plugin reads it: each entry's {@code settings}
 * is handed to core, which must accept it as a deploy target or a notify channel.
 */
class JenkinsDocsConfigurationTest {
    private static final Path DOC = Path.of("..", "docs", "jenkins.md");

    @TempDir
    Path workspace;

    @Test
    void theConfigurationAsCodeExampleIsAcceptedByCore() throws Exception {
        Map<String, List<Map<String, String>>> orchestra = jcascExample();
        RecordingStepHost host = new RecordingStepHost(workspace).dryRun(true);
        for (Map<String, String> entry : orchestra.get("targets")) {
            host.target(entry.get("name"), yaml(entry.get("settings")));
        }
        for (Map<String, String> entry : orchestra.get("channels")) {
            host.channel(entry.get("name"), yaml(entry.get("settings")));
        }
        host.credential(
                "deploy-key",
                new SshUserPrivateKeyCredential("deploy-key", "deploy", Secret.of(privateKey()), Optional.empty()));
        host.credential(
                "slack-webhook",
                new StringCredential("slack-webhook", Secret.of("https://hooks.slack.com/services/T0/B0/x")));

        for (Map<String, String> entry : orchestra.get("targets")) {
            TargetKinds kinds = TargetKinds.defaults();
            TargetSpec spec = kinds.resolve(new TargetRef.Named(entry.get("name")), host);
            assertThat(kinds.open(spec, host)).as(entry.get("name")).isNotNull();
        }
        for (Map<String, String> entry : orchestra.get("channels")) {
            NotifyResult result = Notifier.standard()
                    .notify(
                            new NotifyRequest(List.of(ChannelRef.named(entry.get("name"))), Map.of(), "docs"),
                            TestRuns.succeeded(),
                            host,
                            NotifyState.in(workspace.resolve("run")));
            assertThat(result.channels()).as(host.log()).allSatisfy(c -> assertThat(c.status())
                    .isNotEqualTo(NotifyResult.Status.FAILED));
        }
        assertThat(host.log()).contains("dry run, not sending to 'team' (slack)");
    }

    private String privateKey() throws Exception {
        Path key = workspace.resolve("id_ed25519");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString())
                .redirectErrorStream(true)
                .start();
        assertThat(keygen.waitFor()).isZero();
        return Files.readString(key);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<Map<String, String>>> jcascExample() throws Exception {
        Matcher block = Pattern.compile("```yaml\\n(unclassified:\\n.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(DOC));
        assertThat(block.find()).as("docs/jenkins.md has a JCasC example").isTrue();
        Map<String, Object> root = new ObjectMapper(new YAMLFactory()).readValue(block.group(1), Map.class);
        return (Map<String, List<Map<String, String>>>)
                ((Map<String, Object>) root.get("unclassified")).get("orchestra");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
    }
}
