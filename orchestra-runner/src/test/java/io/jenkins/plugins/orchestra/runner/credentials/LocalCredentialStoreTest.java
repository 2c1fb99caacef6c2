package io.jenkins.plugins.orchestra.runner.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.CredentialsException;
import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCredentialStoreTest {
    private static final String FILE =
            """
            {"credentials": {
              "deploy-token": {"type": "string", "secret": "from-file"},
              "nexus": {"type": "usernamePassword", "username": "ci", "password": "hunter2"},
              "kube": {"type": "file", "path": "does-not-exist"}
            }}""";

    @TempDir
    Path home;

    private Path defaultFile() {
        return home.resolve(".config/orchestra/credentials.json");
    }

    private static Path write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        return path;
    }

    private LocalCredentialStore load(Map<String, String> env) {
        return LocalCredentialStore.load(Optional.empty(), env, home);
    }

    @Test
    void readsTheFileInTheUsersConfigDirectory() throws IOException {
        write(defaultFile(), FILE);

        LocalCredentialStore store = load(Map.of());

        assertThat(store.file()).isEqualTo(defaultFile());
        assertThat(store.get("deploy-token", StringCredential.class).secret()).isEqualTo(Secret.of("from-file"));
    }

    @Test
    void readsTheFileUnderXdgConfigHome() throws IOException {
        Path config = home.resolve("xdg");
        write(config.resolve("orchestra/credentials.json"), FILE);

        assertThat(load(Map.of("XDG_CONFIG_HOME", config.toString())).ids()).contains("nexus");
        assertThat(LocalCredentialStore.defaultFile(Map.of("XDG_CONFIG_HOME", "relative/xdg"), home))
                .isEqualTo(defaultFile());
    }

    @Test
    void readsTheFileTheEnvironmentNamesUnlessTheCommandLineNamesOne() throws IOException {
        Path named = write(home.resolve("named.json"), FILE);
        Path given = write(home.resolve("given.json"), "{}");
        Map<String, String> env = Map.of("ORCHESTRA_CREDENTIALS", named.toString());

        assertThat(load(env).file()).isEqualTo(named);
        assertThat(LocalCredentialStore.load(Optional.of(given), env, home).file())
                .isEqualTo(given);
    }

    @Test
    void hasOnlyTheEnvironmentsCredentialsWithoutADefaultFile() {
        LocalCredentialStore store = load(Map.of("ORCHESTRA_CREDENTIAL_TOKEN", "t"));

        assertThat(store.ids()).containsExactly("TOKEN");
        assertThat(store.get("token")).isEqualTo(new StringCredential("token", Secret.of("t")));
    }

    @Test
    void refusesANamedFileThatDoesNotExist() {
        Path missing = home.resolve("missing.json");

        assertThatThrownBy(() -> load(Map.of("ORCHESTRA_CREDENTIALS", missing.toString())))
                .isInstanceOf(LocalCredentialsException.class)
                .hasMessage("credentials file " + missing + " named by ORCHESTRA_CREDENTIALS does not exist");
        assertThatThrownBy(() -> LocalCredentialStore.load(Optional.of(missing), Map.of(), home))
                .hasMessage("credentials file " + missing + " named by --credentials does not exist");
    }

    @Test
    void refusesADirectoryForAFile() throws IOException {
        Files.createDirectories(defaultFile());

        assertThatThrownBy(() -> load(Map.of()))
                .hasMessage("credentials file " + defaultFile() + " is not a regular file");
    }

    @Test
    void readsStringAndUsernamePasswordCredentialsFromTheEnvironment() {
        LocalCredentialStore store = load(Map.of(
                "ORCHESTRA_CREDENTIAL_DEPLOY_KEY", "k3y",
                "ORCHESTRA_CREDENTIAL_DOCKER_HUB_USERNAME", "me",
                "ORCHESTRA_CREDENTIAL_DOCKER_HUB_PASSWORD", "pw"));

        assertThat(store.get("deploy-key")).isEqualTo(new StringCredential("deploy-key", Secret.of("k3y")));
        assertThat(store.get("docker.hub", UsernamePasswordCredential.class))
                .isEqualTo(new UsernamePasswordCredential("docker.hub", "me", Secret.of("pw")));
        assertThat(LocalCredentialStore.variableName("my-app.prod/db"))
                .isEqualTo("ORCHESTRA_CREDENTIAL_MY_APP_PROD_DB");
    }

    @Test
    void takesTheEnvironmentOverTheFile() throws IOException {
        write(defaultFile(), FILE);

        LocalCredentialStore store = load(Map.of("ORCHESTRA_CREDENTIAL_DEPLOY_TOKEN", "from-env"));

        assertThat(store.get("deploy-token")).isEqualTo(new StringCredential("deploy-token", Secret.of("from-env")));
    }

    @Test
    void refusesHalfAUsernamePasswordInTheEnvironment() {
        LocalCredentialStore store = load(Map.of("ORCHESTRA_CREDENTIAL_DB_USERNAME", "app"));

        assertThatThrownBy(() -> store.get("db"))
                .isInstanceOf(LocalCredentialsException.class)
                .hasMessage("Credentials 'db' in the environment have ORCHESTRA_CREDENTIAL_DB_USERNAME but no"
                        + " ORCHESTRA_CREDENTIAL_DB_PASSWORD");
    }

    @Test
    void refusesCredentialsTheEnvironmentSetsTwice() {
        LocalCredentialStore store = load(Map.of(
                "ORCHESTRA_CREDENTIAL_DB", "x",
                "ORCHESTRA_CREDENTIAL_DB_PASSWORD", "y"));

        assertThatThrownBy(() -> store.get("db"))
                .hasMessage("Credentials 'db' are set twice in the environment: ORCHESTRA_CREDENTIAL_DB makes them a"
                        + " string, ORCHESTRA_CREDENTIAL_DB_PASSWORD a usernamePassword; unset one");
    }

    @Test
    void reportsAMissingIdWithTheClosestIdAndWhereToDefineIt() throws IOException {
        write(defaultFile(), FILE);
        LocalCredentialStore store = load(Map.of("ORCHESTRA_CREDENTIAL_GITHUB_TOKEN", "t"));

        assertThatThrownBy(() -> store.get("deploy-tokn"))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Could not find credentials entry with ID 'deploy-tokn' (did you mean 'deploy-token'?);"
                        + " add it to " + defaultFile() + " or set ORCHESTRA_CREDENTIAL_DEPLOY_TOKN"
                        + " (see docs/credentials.md)");
        assertThatThrownBy(() -> store.get("github-tokn"))
                .hasMessageStartingWith(
                        "Could not find credentials entry with ID 'github-tokn' (did you mean 'GITHUB_TOKEN'?);");
    }

    @Test
    void refusesCredentialsOfAnotherKindBeforeReadingTheirFile() throws IOException {
        write(defaultFile(), FILE);
        LocalCredentialStore store = load(Map.of("ORCHESTRA_CREDENTIAL_TOKEN", "t"));

        assertThatThrownBy(() -> store.get("nexus", StringCredential.class))
                .isInstanceOf(CredentialsException.class)
                .hasMessage("Credentials 'nexus' is of type 'usernamePassword' where 'string' was expected");
        assertThatThrownBy(() -> store.get("kube", StringCredential.class))
                .hasMessage("Credentials 'kube' is of type 'file' where 'string' was expected");
        assertThatThrownBy(() -> store.get("token", FileCredential.class))
                .hasMessage("Credentials 'token' is of type 'string' where 'file' was expected");
    }
}
