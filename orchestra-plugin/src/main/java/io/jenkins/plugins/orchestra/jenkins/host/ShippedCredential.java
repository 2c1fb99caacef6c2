package io.jenkins.plugins.orchestra.jenkins.host;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.CredentialType;
import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import java.io.Serializable;
import java.util.Optional;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Credentials resolved on the controller, on their way to the agent over the remoting channel (which is how
 * Credentials Binding ships them too); there they become core's {@link Credential}. Core's {@link Secret} refuses
 * serialization on purpose, so the values travel as plain fields here, and this object is never persisted, logged or
 * kept past the step call.
 */
@Restricted(NoExternalUse.class)
final class ShippedCredential implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String type;
    private final String username;
    /** The secret text, the password or the private key. */
    private final String secret;
    /** The key's passphrase, or null. */
    private final String passphrase;

    private final String fileName;
    private final byte[] content;

    private ShippedCredential(
            String id,
            CredentialType type,
            String username,
            String secret,
            String passphrase,
            String fileName,
            byte[] content) {
        this.id = id;
        this.type = type.symbol();
        this.username = username;
        this.secret = secret;
        this.passphrase = passphrase;
        this.fileName = fileName;
        this.content = content == null ? null : content.clone();
    }

    static ShippedCredential string(String id, String secret) {
        return new ShippedCredential(id, CredentialType.STRING, null, secret, null, null, null);
    }

    static ShippedCredential usernamePassword(String id, String username, String password) {
        return new ShippedCredential(id, CredentialType.USERNAME_PASSWORD, username, password, null, null, null);
    }

    static ShippedCredential file(String id, String fileName, byte[] content) {
        return new ShippedCredential(id, CredentialType.FILE, null, null, null, fileName, content);
    }

    static ShippedCredential sshUserPrivateKey(String id, String username, String privateKey, String passphrase) {
        return new ShippedCredential(
                id, CredentialType.SSH_USER_PRIVATE_KEY, username, privateKey, passphrase, null, null);
    }

    String id() {
        return id;
    }

    /** Core's form of these credentials, on the agent. */
    Credential toCore() {
        CredentialType kind = CredentialType.ofSymbol(type)
                .orElseThrow(() -> new IllegalStateException("unknown kind of credentials: " + type));
        return switch (kind) {
            case STRING -> new StringCredential(id, Secret.of(secret));
            case USERNAME_PASSWORD -> new UsernamePasswordCredential(id, username, Secret.of(secret));
            case FILE -> new FileCredential(id, fileName, content);
            case SSH_USER_PRIVATE_KEY ->
                new SshUserPrivateKeyCredential(
                        id,
                        username,
                        Secret.of(secret),
                        Optional.ofNullable(passphrase).map(Secret::of));
        };
    }

    /** Never the values. */
    @Override
    public String toString() {
        return "ShippedCredential[" + id + ", " + type + "]";
    }
}
