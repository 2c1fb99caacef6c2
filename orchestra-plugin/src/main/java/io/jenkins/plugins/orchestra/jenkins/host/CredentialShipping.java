package io.jenkins.plugins.orchestra.jenkins.host;

import com.cloudbees.jenkins.plugins.sshcredentials.SSHUserPrivateKey;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * Resolves credentials by id on the controller, in the context of the run (its folder's credentials, the user who
 * started it where Authorize Project applies), records their use with the build, and turns them into {@link
 * ShippedCredential}s for the agent. An id with no credentials is left out: the agent's store then says so, naming the
 * id, if the work asks for it.
 */
@Restricted(NoExternalUse.class)
final class CredentialShipping {
    private CredentialShipping() {}

    static List<ShippedCredential> resolve(Run<?, ?> run, Collection<String> ids) throws IOException {
        List<ShippedCredential> shipped = new ArrayList<>();
        for (String id : ids) {
            StandardCredentials c =
                    CredentialsProvider.findCredentialById(id, StandardCredentials.class, run, List.of());
            if (c != null) {
                shipped.add(convert(id, c));
                CredentialsProvider.track(run, c);
            }
        }
        return shipped;
    }

    private static ShippedCredential convert(String id, StandardCredentials c) throws IOException {
        if (c instanceof StringCredentials s) {
            return ShippedCredential.string(id, s.getSecret().getPlainText());
        }
        if (c instanceof StandardUsernamePasswordCredentials u) {
            return ShippedCredential.usernamePassword(
                    id, u.getUsername(), u.getPassword().getPlainText());
        }
        if (c instanceof FileCredentials f) {
            try (InputStream in = f.getContent()) {
                return ShippedCredential.file(id, f.getFileName(), in.readAllBytes());
            }
        }
        if (c instanceof SSHUserPrivateKey k) {
            hudson.util.Secret passphrase = k.getPassphrase();
            return ShippedCredential.sshUserPrivateKey(
                    id,
                    k.getUsername(),
                    String.join("\n", k.getPrivateKeys()),
                    passphrase == null ? null : passphrase.getPlainText());
        }
        throw new AbortException("Credentials '" + id + "' are of a kind Orchestra cannot use ("
                + c.getClass().getSimpleName()
                + "); use secret text, username with password, secret file or SSH username with private key");
    }
}
