package io.jenkins.plugins.orchestra.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SshSettingsTest {
    @Test
    void readsEverySettingOfATarget() {
        Map<String, Object> target = new HashMap<>();
        target.put("kind", "ssh");
        target.put("hosts", List.of("web1", "web2:2222", "[2001:db8::5]:2200"));
        target.put("user", "deploy");
        target.put("port", 2022);
        target.put("credentialsId", "deploy-key");
        target.put("knownHosts", "~/ssh/known_hosts");
        target.put("trustOnFirstUse", true);
        target.put("jumpHost", "bastion@gate.example.com:2200");
        target.put("jumpCredentialsId", "gate-key");
        target.put("connectTimeout", "5s");
        target.put("authTimeout", 20);
        target.put("commandTimeout", "1h30m");
        SshSettings s = SshSettings.fromConfig("web", target);
        assertThat(s.hosts()).containsExactly("web1", "web2:2222", "[2001:db8::5]:2200");
        assertThat(s.user()).contains("deploy");
        assertThat(s.port()).isEqualTo(2022);
        assertThat(s.credentialsId()).contains("deploy-key");
        assertThat(s.knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), "ssh", "known_hosts"));
        assertThat(s.trustOnFirstUse()).isTrue();
        assertThat(s.jumpHost())
                .contains(new SshSettings.JumpHost(Optional.of("bastion"), new SshAddress("gate.example.com", 2200)));
        assertThat(s.jumpCredentialsId()).contains("gate-key");
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.address("web1")).isEqualTo(new SshAddress("web1", 2022));
        assertThat(s.address("web2:2222")).isEqualTo(new SshAddress("web2", 2222));
        assertThat(s.address("[2001:db8::5]:2200")).isEqualTo(new SshAddress("2001:db8::5", 2200));
    }

    @Test
    void fillsInDefaults() {
        SshSettings s = SshSettings.fromConfig("web", Map.of("hosts", "web1, web2"));
        assertThat(s.hosts()).containsExactly("web1", "web2");
        assertThat(s.user()).isEmpty();
        assertThat(s.port()).isEqualTo(22);
        assertThat(s.credentialsId()).isEmpty();
        assertThat(s.knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"));
        assertThat(s.trustOnFirstUse()).isFalse();
        assertThat(s.jumpHost()).isEmpty();
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.commandTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(SshSettings.KEYS)
                .contains("hosts", "jumpHost", "trustOnFirstUse")
                .doesNotContain("kind");
    }

    @Test
    void rejectsBadValuesNamingTheField() {
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", List.of("a"), "port", 70000)))
                .isInstanceOf(SshSettingsException.class)
                .hasMessage("targets.web.port must be 1-65535, was 70000");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", List.of("a"), "port", "ssh")))
                .hasMessage("targets.web.port must be a whole number, was 'ssh'");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of()))
                .hasMessage("targets.web.hosts is required, such as [web1, web2:2222]");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", List.of())))
                .hasMessage("targets.web.hosts must list at least one host, such as [web1, web2:2222]");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", List.of("web1", "web2:0"))))
                .hasMessage("targets.web.hosts[1]: the port in 'web2:0' must be 1-65535, was 0");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", List.of("web1", 5))))
                .hasMessage("targets.web.hosts[1] must be a host such as 'web1:2222', was 5");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "trustOnFirstUse", "yes")))
                .hasMessage("targets.web.trustOnFirstUse must be true or false, was 'yes'");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "connectTimeout", "soon")))
                .hasMessageStartingWith("targets.web.connectTimeout: 'soon' is not a duration");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "authTimeout", "0s")))
                .hasMessage("targets.web.authTimeout must be positive, was 0ms");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "user", "a b")))
                .hasMessage("targets.web.user must be a user name, was 'a b'");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "jumpHost", "@gate")))
                .hasMessage("targets.web.jumpHost: '@gate' must be written user@host:port");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "jumpCredentialsId", "k")))
                .hasMessage("targets.web.jumpCredentialsId is set but jumpHost is not");
        assertThatThrownBy(() -> SshSettings.fromConfig("web", Map.of("hosts", "a", "credentialsId", List.of())))
                .hasMessage("targets.web.credentialsId must be text, was a list");
        SshSettings ok = SshSettings.fromConfig("web", Map.of("hosts", "a"));
        assertThatThrownBy(() -> ok.address("a:99999"))
                .hasMessage("targets.web: host 'a:99999': the port in 'a:99999' must be 1-65535, was 99999");
    }

    @Test
    void writesAddressesAsUsersDo() {
        assertThat(SshAddress.parse("web1", 22)).hasToString("web1");
        assertThat(SshAddress.parse("web1:2222", 22)).hasToString("web1:2222");
        assertThat(SshAddress.parse("[::1]:2222", 22)).hasToString("[::1]:2222");
        assertThat(SshAddress.parse("::1", 22)).isEqualTo(new SshAddress("::1", 22));
        assertThat(SshSettings.JumpHost.parse("gate")).hasToString("gate");
        assertThat(SshSettings.JumpHost.parse("me@gate:2200")).hasToString("me@gate:2200");
        assertThat(KnownHosts.pattern(new SshAddress("web1", 22))).isEqualTo("web1");
        assertThat(KnownHosts.pattern(new SshAddress("web1", 2222))).isEqualTo("[web1]:2222");
    }
}
