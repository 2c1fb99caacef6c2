package io.jenkins.plugins.orchestra.host;

/**
 * Where a host finds the credentials a Jenkinsfile names by id: the local runner's credentials file and environment,
 * or Jenkins' credentials. Never the Jenkinsfile itself.
 */
public interface CredentialStore {
    /**
     * The credentials with this id.
     *
     * @throws CredentialsException if there are none, naming the closest id if one looks like a typo of it
     */
    Credential get(String id);

    /**
     * The credentials with this id, which must be of this kind.
     *
     * @throws CredentialsException if there are none, or if they are of another kind
     */
    default <C extends Credential> C get(String id, Class<C> type) {
        Credential credential = get(id);
        if (!type.isInstance(credential)) {
            throw CredentialsException.wrongType(id, credential.type(), CredentialType.of(type));
        }
        return type.cast(credential);
    }
}
