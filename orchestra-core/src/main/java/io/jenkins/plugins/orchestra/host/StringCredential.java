package io.jenkins.plugins.orchestra.host;

import java.util.List;
import java.util.Objects;

/** A secret text: a token, an API key. */
public record StringCredential(String id, Secret secret) implements Credential {
    public StringCredential {
        Credential.requireId(id);
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public CredentialType type() {
        return CredentialType.STRING;
    }

    @Override
    public List<Secret> secrets() {
        return List.of(secret);
    }
}
