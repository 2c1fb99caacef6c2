package io.jenkins.plugins.orchestra.host;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of {@link Credential}, named as Credentials Binding names them in a Jenkinsfile. */
public enum CredentialType {
    /** A secret text: a token, an API key. */
    STRING("string", StringCredential.class),
    /** A user name and a password. */
    USERNAME_PASSWORD("usernamePassword", UsernamePasswordCredential.class),
    /** A file: a kubeconfig, a keystore. */
    FILE("file", FileCredential.class),
    /** A user name, a private key and the key's passphrase if it has one. */
    SSH_USER_PRIVATE_KEY("sshUserPrivateKey", SshUserPrivateKeyCredential.class);

    private final String symbol;
    private final Class<? extends Credential> javaType;

    CredentialType(String symbol, Class<? extends Credential> javaType) {
        this.symbol = symbol;
        this.javaType = javaType;
    }

    /** The name of the kind in a Jenkinsfile and in the runner's credentials file: {@code usernamePassword}. */
    public String symbol() {
        return symbol;
    }

    public Class<? extends Credential> javaType() {
        return javaType;
    }

    public static Optional<CredentialType> ofSymbol(String symbol) {
        return Arrays.stream(values()).filter(t -> t.symbol.equals(symbol)).findFirst();
    }

    public static CredentialType of(Class<? extends Credential> javaType) {
        return Arrays.stream(values())
                .filter(t -> t.javaType == javaType)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a kind of credentials: " + javaType.getName()));
    }

    /** The symbol. */
    @Override
    public String toString() {
        return symbol;
    }
}
