package io.jenkins.plugins.orchestra.host;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A user name and an SSH private key (the text of the key file, several lines), with the key's passphrase if it has
 * one. The user name is not secret.
 */
public record SshUserPrivateKeyCredential(String id, String username, Secret privateKey, Optional<Secret> passphrase)
        implements Credential {
    public SshUserPrivateKeyCredential {
        Credential.requireId(id);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(passphrase, "passphrase");
    }

    @Override
    public CredentialType type() {
        return CredentialType.SSH_USER_PRIVATE_KEY;
    }

    @Override
    public List<Secret> secrets() {
        return passphrase.map(p -> List.of(privateKey, p)).orElseGet(() -> List.of(privateKey));
    }
}
