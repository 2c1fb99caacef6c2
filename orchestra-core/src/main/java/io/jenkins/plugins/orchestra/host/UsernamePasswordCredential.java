package io.jenkins.plugins.orchestra.host;

import java.util.List;
import java.util.Objects;

/** A user name and a password. The user name is not secret and is not masked, as in Jenkins by default. */
public record UsernamePasswordCredential(String id, String username, Secret password) implements Credential {
    public UsernamePasswordCredential {
        Credential.requireId(id);
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public CredentialType type() {
        return CredentialType.USERNAME_PASSWORD;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(password);
    }
}
