package io.jenkins.plugins.orchestra.host;

import java.util.List;

/**
 * Credentials a run may use, found by id in a {@link CredentialStore}: the local runner's file and environment, or
 * Jenkins' credentials. The kinds are those of Jenkins' Credentials Binding, under the same names.
 */
public sealed interface Credential
        permits StringCredential, UsernamePasswordCredential, FileCredential, SshUserPrivateKeyCredential {
    /** The id a Jenkinsfile names the credentials by. */
    String id();

    CredentialType type();

    /** The values a host must add to the run's {@link SecretMasker} when it binds these credentials. */
    List<Secret> secrets();

    /** An id as a host gets it: neither null nor blank. */
    static String requireId(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "credentials id must not be blank, was " + (id == null ? null : "'" + id + "'"));
        }
        return id;
    }
}
