package io.jenkins.plugins.orchestra.runner.credentials;

import io.jenkins.plugins.orchestra.host.Credential;
import io.jenkins.plugins.orchestra.host.CredentialStore;
import io.jenkins.plugins.orchestra.host.CredentialType;
import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local runner's credentials, from stores the user controls and never from the Jenkinsfile:
 *
 * <ol>
 *   <li>environment variables: {@code ORCHESTRA_CREDENTIAL_<ID>} holds a {@code string} credential,
 *       {@code ORCHESTRA_CREDENTIAL_<ID>_USERNAME} and {@code _PASSWORD} a {@code usernamePassword} one, where
 *       {@code <ID>} is the id in upper case with every character but a letter or digit written {@code _};
 *   <li>the credentials file, a JSON file only its owner may read: the file given on the command line, else the one
 *       {@code ORCHESTRA_CREDENTIALS} names, else {@code $XDG_CONFIG_HOME/orchestra/credentials.json}, else
 *       {@code ~/.config/orchestra/credentials.json}. Only the default locations may be missing.
 * </ol>
 *
 * The environment wins over the file for an id both define. The file is read and checked whole when the store is
 * loaded; files that its entries point to (a secret file, a private key) are read when the credentials are looked up.
 */
public final class LocalCredentialStore implements CredentialStore {
    /** The variable that names the credentials file. */
    public static final String FILE_VARIABLE = "ORCHESTRA_CREDENTIALS";

    /** The start of the name of each variable that holds credentials. */
    public static final String VARIABLE_PREFIX = "ORCHESTRA_CREDENTIAL_";

    private static final String USERNAME = "_USERNAME";
    private static final String PASSWORD = "_PASSWORD";

    private final Path file;
    private final Map<String, CredentialsFile.Entry> entries;
    private final Map<String, String> env;

    private LocalCredentialStore(Path file, Map<String, CredentialsFile.Entry> entries, Map<String, String> env) {
        this.file = file;
        this.entries = entries;
        this.env = Map.copyOf(env);
    }

    /** The store of this process: its environment and the user's home directory. */
    public static LocalCredentialStore load(Optional<Path> fileOption) {
        return load(fileOption, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The store for these environment variables and home directory.
     *
     * @param fileOption the credentials file given on the command line, if one was
     * @throws LocalCredentialsException if the credentials file is missing though named, open to other users, or not
     *     a valid credentials file
     */
    public static LocalCredentialStore load(Optional<Path> fileOption, Map<String, String> env, Path home) {
        Path file;
        String namedBy;
        if (fileOption.isPresent()) {
            file = fileOption.get();
            namedBy = "--credentials";
        } else if (!env.getOrDefault(FILE_VARIABLE, "").isEmpty()) {
            file = Path.of(env.get(FILE_VARIABLE));
            namedBy = FILE_VARIABLE;
        } else {
            file = defaultFile(env, home);
            namedBy = null;
        }
        if (!Files.exists(file)) {
            if (namedBy != null) {
                throw LocalCredentialsException.missing(file, namedBy);
            }
            return new LocalCredentialStore(file, Map.of(), env);
        }
        if (!Files.isRegularFile(file)) {
            throw LocalCredentialsException.notAFile(file);
        }
        return new LocalCredentialStore(file, CredentialsFile.read(file, home), env);
    }

    /** {@code $XDG_CONFIG_HOME/orchestra/credentials.json} if that variable holds an absolute path, else under home. */
    static Path defaultFile(Map<String, String> env, Path home) {
        String xdg = env.getOrDefault("XDG_CONFIG_HOME", "");
        Path config = !xdg.isEmpty() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config");
        return config.resolve("orchestra").resolve("credentials.json");
    }

    /** The variable name part for an id: {@code deploy-key} is {@code DEPLOY_KEY}. */
    public static String variableName(String id) {
        return VARIABLE_PREFIX + id.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The credentials file this store read or would read; it may not exist. */
    public Path file() {
        return file;
    }

    /** Every id the store knows: the file's, and the environment's in their upper-case form. */
    public Set<String> ids() {
        Set<String> ids = new TreeSet<>(entries.keySet());
        for (String name : env.keySet()) {
            if (name.startsWith(VARIABLE_PREFIX) && name.length() > VARIABLE_PREFIX.length()) {
                String id = name.substring(VARIABLE_PREFIX.length());
                ids.add(id);
                for (String suffix : new String[] {USERNAME, PASSWORD}) {
                    if (id.endsWith(suffix) && id.length() > suffix.length()) {
                        ids.add(id.substring(0, id.length() - suffix.length()));
                    }
                }
            }
        }
        return ids;
    }

    @Override
    public Credential get(String id) {
        Optional<Credential> fromEnv = fromEnvironment(id);
        if (fromEnv.isPresent()) {
            return fromEnv.get();
        }
        CredentialsFile.Entry entry = entries.get(id);
        if (entry == null) {
            throw CredentialsException.notFound(
                    id, ids(), "add it to " + file + " or set " + variableName(id) + " (see docs/credentials.md)");
        }
        return entry.resolve();
    }

    /** Checks the kind before reading any file the credentials point to. */
    @Override
    public <C extends Credential> C get(String id, Class<C> type) {
        CredentialType expected = CredentialType.of(type);
        if (fromEnvironment(id).isEmpty() && entries.containsKey(id)) {
            CredentialType actual = entries.get(id).type();
            if (actual != expected) {
                throw CredentialsException.wrongType(id, actual, expected);
            }
        }
        return CredentialStore.super.get(id, type);
    }

    private Optional<Credential> fromEnvironment(String id) {
        String name = variableName(id);
        String value = env.get(name);
        String username = env.get(name + USERNAME);
        String password = env.get(name + PASSWORD);
        if (username == null && password == null) {
            return Optional.ofNullable(value).map(v -> new StringCredential(id, Secret.of(v)));
        }
        if (value != null) {
            throw LocalCredentialsException.environment("Credentials '" + id + "' are set twice in the environment: "
                    + name + " makes them a string, " + (username != null ? name + USERNAME : name + PASSWORD)
                    + " a usernamePassword; unset one");
        }
        if (username == null || password == null) {
            String set = username != null ? name + USERNAME : name + PASSWORD;
            String unset = username != null ? name + PASSWORD : name + USERNAME;
            throw LocalCredentialsException.environment(
                    "Credentials '" + id + "' in the environment have " + set + " but no " + unset);
        }
        return Optional.of(new UsernamePasswordCredential(id, username, Secret.of(password)));
    }
}
