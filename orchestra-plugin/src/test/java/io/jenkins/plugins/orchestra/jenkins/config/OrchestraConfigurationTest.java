package io.jenkins.plugins.orchestra.jenkins.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

@WithJenkins
class OrchestraConfigurationTest {
    @Test
    void configRoundTrip(JenkinsRule r) throws Exception {
        OrchestraConfiguration config = OrchestraConfiguration.get();
        config.setTargets(List.of(new DeployTargetEntry("staging", "kind: ssh\nhosts: [web1, web2]\n")));
        config.setChannels(List.of(new NotifyChannelEntry("team", "kind: slack\ncredentialsId: hook\n")));

        r.configRoundtrip();

        assertEquals(
                Map.of("staging", Map.of("kind", "ssh", "hosts", List.of("web1", "web2"))),
                OrchestraConfiguration.get().section("targets"));
        assertEquals(
                Map.of("team", Map.of("kind", "slack", "credentialsId", "hook")),
                OrchestraConfiguration.get().section("channels"));
    }

    @Test
    void keepsNoTargetsThroughTheFormWhenThereAreNone(JenkinsRule r) throws Exception {
        OrchestraConfiguration config = OrchestraConfiguration.get();
        config.setTargets(List.of(new DeployTargetEntry("staging", "kind: local\n")));
        config.setTargets(List.of());

        r.configRoundtrip();

        assertTrue(OrchestraConfiguration.get().getTargets().isEmpty());
    }

    @Test
    void refusesSettingsThatAreNotAMappingNamingTheEntry(JenkinsRule r) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new DeployTargetEntry("prod", "- a\n- b\n"));

        assertEquals("'prod' settings must be a YAML mapping of key: value lines, was ArrayList", e.getMessage());
    }

    @Test
    void refusesTwoEntriesOfTheSameName(JenkinsRule r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OrchestraConfiguration.get()
                .setChannels(List.of(new NotifyChannelEntry("team", ""), new NotifyChannelEntry("team", ""))));

        assertEquals("channels names 'team' twice", e.getMessage());
    }

    @Test
    void refusesANameAJenkinsfileCouldNotWrite(JenkinsRule r) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new DeployTargetEntry("my target", ""));

        assertEquals("name must be letters, digits, '.', '_' or '-', was 'my target'", e.getMessage());
    }
}
