package io.jenkins.plugins.orchestra.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@WithJenkinsConfiguredWithCode
class OrchestraConfigurationJCasCTest {
    @Test
    @ConfiguredWithCode("configuration-as-code.yml")
    void readsTargetsAndChannelsFromConfigurationAsCode(JenkinsConfiguredWithCodeRule r) throws Exception {
        OrchestraConfiguration config = OrchestraConfiguration.get();

        assertEquals(
                Map.of(
                        "kind",
                        "ssh",
                        "hosts",
                        List.of("web1.example.com", "web2.example.com"),
                        "user",
                        "deploy",
                        "credentialsId",
                        "deploy-key"),
                config.section("targets").get("staging"));
        assertEquals(
                Map.of("kind", "slack", "credentialsId", "slack-webhook"),
                config.section("channels").get("team"));
        assertTrue(r.exportToString(false).contains("credentialsId: deploy-key"));
    }
}
