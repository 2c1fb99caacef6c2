package io.jenkins.plugins.orchestra.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialStoreTest {
    private static final Map<String, Credential> CREDENTIALS = Map.of(
            "deploy-token", new StringCredential("deploy-token", Secret.of("t0k3n")),
            "nexus", new UsernamePasswordCredential("nexus", "ci", Secret.of("pw")));

    private final CredentialStore store = id -> {
        Credential credential = CREDENTIALS.get(id);
        if (credential == null) {
            throw CredentialsException.notFound(id, CREDENTIALS.keySet(), "");
        }
        return credential;
    };

    @Test
    void findsCredentialsOfTheKindAskedFor() {
        StringCredential token = store.get("deploy-token", StringCredential.class);

        assertThat(token.secret().reveal()).isEqualTo("t0k3n");
    }

    @Test
    void refusesCredentialsOfAnotherKindInJenkinsWords() {
        assertThatThrownBy(() -> store.get("nexus", StringCredential.class))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Credentials 'nexus' is of type 'usernamePassword' where 'string' was expected");
    }

    @Test
    void reportsAMissingIdInJenkinsWordsWithTheClosestKnownId() {
        assertThatThrownBy(() -> store.get("deploy-tokn"))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Could not find credentials entry with ID 'deploy-tokn' (did you mean 'deploy-token'?)");
        assertThatThrownBy(() -> store.get("github")).hasMessage("Could not find credentials entry with ID 'github'");
    }

    @Test
    void addsTheHostsAdviceToAMissingId() {
        assertThat(CredentialsException.notFound("gh", List.of(), "set ORCHESTRA_CREDENTIAL_GH"))
                .hasMessage("Could not find credentials entry with ID 'gh'; set ORCHESTRA_CREDENTIAL_GH")
                .satisfies(e -> assertThat(e.isRetryable()).isFalse());
    }

    @Test
    void namesEachKindAsCredentialsBindingDoes() {
        assertThat(CredentialType.values())
                .extracting(CredentialType::symbol)
                .containsExactly("string", "usernamePassword", "file", "sshUserPrivateKey");
        assertThat(CredentialType.ofSymbol("sshUserPrivateKey")).contains(CredentialType.SSH_USER_PRIVATE_KEY);
        assertThat(CredentialType.ofSymbol("secretText")).isEmpty();
        assertThat(CredentialType.of(FileCredential.class)).isEqualTo(CredentialType.FILE);
    }
}
