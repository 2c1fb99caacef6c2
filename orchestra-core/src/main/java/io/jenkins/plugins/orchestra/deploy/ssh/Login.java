package io.jenkins.plugins.orchestra.deploy.ssh;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StepHost;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Who we log in as on a host and with what: the keys or the password of one set of credentials, or the user's own
 * keys in {@code ~/.ssh}. Read once per connector; every secret in it is handed to the host's masker first.
 *
 * @param user the user name on the host
 * @param what how messages name what was offered: {@code the key of credentials 'deploy-key'}
 * @param keys the key pairs to offer, if any
 * @param password the password to offer, if any
 */
record Login(String user, String what, List<KeyPair> keys, Optional<Secret> password) {
    private static final List<String> DEFAULT_KEY_FILES = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    Login {
        keys = List.copyOf(keys);
    }

    /**
     * The login for {@code credentialsId} (or the user's own keys if empty), as {@code user} if given, else as the
     * credentials' user, else as the user running the step.
     *
     * @param field the setting that named the credentials, for messages ({@code targets.web.credentialsId})
     */
    static Login of(StepHost host, Optional<String> credentialsId, Optional<String> user, String field) {
        if (credentialsId.isEmpty()) {
            return ownKeys(user.orElseGet(() -> System.getProperty("user.name")), field);
        }
        String id = credentialsId.get();
        Credential credential = host.credentials().get(id);
        credential.secrets().forEach(host::addSecret);
        if (credential instanceof SshUserPrivateKeyCredential) {
            SshUserPrivateKeyCredential key = (SshUserPrivateKeyCredential) credential;
            String what = "the key of credentials '" + id + "'";
            List<KeyPair> pairs = read(key.privateKey(), key.passphrase(), "credentials '" + id + "'", field);
            return new Login(user.orElse(key.username()), what, pairs, Optional.empty());
        }
        if (credential instanceof UsernamePasswordCredential) {
            UsernamePasswordCredential login = (UsernamePasswordCredential) credential;
            return new Login(
                    user.orElse(login.username()),
                    "the password of credentials '" + id + "'",
                    List.of(),
                    Optional.of(login.password()));
        }
        throw new SshSettingsException(field + ": credentials '" + id + "' are of type '" + credential.type()
                + "'; an ssh target needs 'sshUserPrivateKey' or 'usernamePassword' credentials");
    }

    /** Offers these to a session before it authenticates. */
    void offerTo(ClientSession session) {
        keys.forEach(session::addPublicKeyIdentity);
        password.ifPresent(p -> session.addPasswordIdentity(p.reveal()));
    }

    private static Login ownKeys(String user, String field) {
        Path dir = Path.of(System.getProperty("user.home"), ".ssh");
        List<KeyPair> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : DEFAULT_KEY_FILES) {
            Path file = dir.resolve(name);
            if (!Files.isReadable(file)) {
                continue;
            }
            try (InputStream in = Files.newInputStream(file)) {
                Iterable<KeyPair> loaded =
                        SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in, null);
                if (loaded != null) {
                    loaded.forEach(pairs::add);
                    names.add(name);
                }
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                // encrypted or unreadable: ssh would ask for a passphrase, which nobody can type here
                System.getLogger(Login.class.getName())
                        .log(
                                System.Logger.Level.DEBUG,
                                "skipping " + file + ": " + e.getClass().getSimpleName());
            }
        }
        String what = names.isEmpty()
                ? "no key (" + field + " is not set and " + dir + " has no unencrypted id_ed25519, id_ecdsa or id_rsa)"
                : "the keys " + String.join(", ", names) + " in " + dir;
        return new Login(user, what, pairs, Optional.empty());
    }

    private static List<KeyPair> read(Secret privateKey, Optional<Secret> passphrase, String source, String field) {
        FilePasswordProvider passwords =
                passphrase.map(p -> FilePasswordProvider.of(p.reveal())).orElse(FilePasswordProvider.EMPTY);
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(privateKey.reveal().getBytes(StandardCharsets.UTF_8))) {
            Iterable<KeyPair> loaded =
                    SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(source), in, passwords);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // the library's message may quote the key's text: say only what kind of failure it was
            throw new SshSettingsException(field + ": the private key of " + source + " cannot be read ("
                    + (passphrase.isPresent() ? "wrong passphrase, or " : "encrypted without a passphrase, or ")
                    + "not an OpenSSH or PEM private key: " + e.getClass().getSimpleName() + ")");
        }
        if (pairs.isEmpty()) {
            throw new SshSettingsException(
                    field + ": " + source + " hold no private key in a format ssh reads" + " (OpenSSH or PEM)");
        }
        return pairs;
    }
}
