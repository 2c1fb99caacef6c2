package io.jenkins.plugins.orchestra.runner.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.host.FileCredential;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
    private static final String KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path home;

    private Path file;

    @BeforeEach
    void locateTheFile() {
        file = home.resolve("credentials.json");
    }

    private LocalCredentialStore storeOf(String json) throws IOException {
        write(file, json, "rw-------");
        return LocalCredentialStore.load(Optional.of(file), Map.of(), home);
    }

    private static void write(Path path, String text, String permissions) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    }

    private String failureOf(String json) {
        try {
            storeOf(json);
        } catch (LocalCredentialsException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no failure for " + json);
    }

    @Test
    void readsEveryKindOfCredentials() throws IOException {
        write(home.resolve(".kube/staging"), "apiVersion: v1\n", "rw-------");
        write(home.resolve("keys/deploy"), KEY, "rw-------");
        LocalCredentialStore store = storeOf(
                """
                {"credentials": {
                  "token": {"type": "string", "secret": "t0k3n", "description": "GitHub"},
                  "nexus": {"type": "usernamePassword", "username": "ci", "password": "hunter2"},
                  "kube": {"type": "file", "path": "~/.kube/staging"},
                  "notes": {"type": "file", "fileName": "notes.txt", "content": "line 1\\nline 2"},
                  "git": {"type": "sshUserPrivateKey", "username": "git", "privateKey": "%s"},
                  "deploy": {"type": "sshUserPrivateKey", "username": "deploy", "privateKeyFile": "keys/deploy",
                             "passphrase": "open sesame"}
                }}
                """
                        .formatted(KEY.replace("\n", "\\n")));

        assertThat(store.get("token")).isEqualTo(new StringCredential("token", Secret.of("t0k3n")));
        assertThat(store.get("nexus", UsernamePasswordCredential.class))
                .isEqualTo(new UsernamePasswordCredential("nexus", "ci", Secret.of("hunter2")));
        assertThat(store.get("kube", FileCredential.class))
                .isEqualTo(new FileCredential("kube", "staging", "apiVersion: v1\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(store.get("notes", FileCredential.class))
                .isEqualTo(new FileCredential("notes", "notes.txt", "line 1\nline 2".getBytes(StandardCharsets.UTF_8)));
        assertThat(store.get("git"))
                .isEqualTo(new SshUserPrivateKeyCredential("git", "git", Secret.of(KEY), Optional.empty()));
        assertThat(store.get("deploy"))
                .isEqualTo(new SshUserPrivateKeyCredential(
                        "deploy", "deploy", Secret.of(KEY), Optional.of(Secret.of("open sesame"))));
        assertThat(store.ids()).containsExactly("deploy", "git", "kube", "nexus", "notes", "token");
    }

    @Test
    void refusesAFileThatIsNotUtf8NamingTheFileAndLine() throws IOException {
        write(file, "", "rw-------");
        Files.write(
                file,
                "{\"credentials\": {\n  \"t\": {\"type\": \"string\", \"secret\": \"caf\u00e9\"}\n}}\n"
                        .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> LocalCredentialStore.load(Optional.of(file), Map.of(), home))
                .isInstanceOf(LocalCredentialsException.class)
                .hasMessage("credentials file " + file + " line 2: not UTF-8 text; save it as UTF-8");
    }

    @Test
    void refusesAFileOthersCanRead() throws IOException {
        write(file, "{}", "rw-r--r--");

        assertThatThrownBy(() -> LocalCredentialStore.load(Optional.of(file), Map.of(), home))
                .isInstanceOf(LocalCredentialsException.class)
                .hasMessage("Permissions 0644 for credentials file " + file + " are too open; run chmod 600 " + file
                        + " so that only you can read it");
    }

    @Test
    void refusesAFileItsGroupCanChange() throws IOException {
        write(file, "{}", "rw--w----");

        assertThatThrownBy(() -> LocalCredentialStore.load(Optional.of(file), Map.of(), home))
                .hasMessage("Permissions 0620 for credentials file " + file + " are too open; run chmod 600 " + file
                        + " so that only you can read it");
    }

    @Test
    void refusesAPrivateKeyFileOthersCanRead() throws IOException {
        Path key = home.resolve("id_ed25519");
        write(key, KEY, "rw-r-----");
        LocalCredentialStore store =
                storeOf("{\"credentials\": {\"git\": {\"type\": \"sshUserPrivateKey\", \"username\": \"git\","
                        + " \"privateKeyFile\": \"~/id_ed25519\"}}}");

        assertThatThrownBy(() -> store.get("git"))
                .hasMessage("Permissions 0640 for private key file " + key + " are too open; run chmod 600 " + key
                        + " so that only you can read it");
    }

    @Test
    void namesTheCredentialsWhoseFileIsMissingWhenTheyAreLookedUp() throws IOException {
        LocalCredentialStore store =
                storeOf("{\"credentials\": {\"kube\": {\"type\": \"file\", \"path\": \"kubeconfig\"}}}");

        assertThatThrownBy(() -> store.get("kube"))
                .hasMessage("Credentials 'kube': cannot read " + home.resolve("kubeconfig")
                        + ": no such file or directory");
    }

    @Test
    void hasNoCredentialsInAnEmptyFile() throws IOException {
        assertThat(storeOf("").ids()).isEmpty();
        assertThat(storeOf("{\"credentials\": {}}").ids()).isEmpty();
    }

    @Test
    void reportsInvalidJsonWithLineAndColumnButNoneOfItsText() {
        String message = failureOf("{\"credentials\": {\n  \"nexus\": {\"type\": \"string\", \"secret\": hunter2}\n}}");

        assertThat(message)
                .isEqualTo("credentials file " + file + " line 2 column 41 is not valid JSON: a value that is neither"
                        + " a string in double quotes, a number, true, false nor null")
                .doesNotContain("hunter");
    }

    @Test
    void reportsATrailingCommaInJacksonsWords() {
        assertThat(failureOf("{\"credentials\": {\n  \"a\": {\"type\": \"string\", \"secret\": \"x\"},\n}}"))
                .isEqualTo("credentials file " + file + " line 3 column 1 is not valid JSON: unexpected character;"
                        + " was expecting double-quote to start field name");
    }

    @Test
    void reportsAFileCutShort() {
        assertThat(failureOf("{\"credentials\": {\n  \"a\": {\"type\": \"string\", \"secret\": \"x"))
                .isEqualTo("credentials file " + file + " line 2 column 39 is not valid JSON: it ends inside a value;"
                        + " a '}', ']' or '\"' is missing");
    }

    @Test
    void reportsAnIdDefinedTwice() {
        assertThat(
                        failureOf(
                                """
                        {"credentials": {
                          "a": {"type": "string", "secret": "x"},
                          "a": {"type": "string", "secret": "y"}
                        }}"""))
                .isEqualTo("credentials file " + file + " line 3 column 6 is not valid JSON: field 'a' appears twice");
    }

    @Test
    void refusesATopLevelOtherThanCredentials() {
        assertThat(failureOf("[]"))
                .isEqualTo("credentials file " + file
                        + " line 1: the file must hold one JSON object, {\"credentials\": {…}}");
        assertThat(failureOf("{\n\"credential\": {}}"))
                .isEqualTo("credentials file " + file
                        + " line 2: unknown field 'credential' (did you mean 'credentials'?)");
        assertThat(failureOf("{\"credentials\": []}"))
                .isEqualTo("credentials file " + file
                        + " line 1: \"credentials\" must be an object of credentials by id, was an array");
    }

    @Test
    void refusesAnEntryWithoutAKnownType() {
        assertThat(failureOf("{\"credentials\": {\n\"a\": {\"secret\": \"x\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'a' has no \"type\"; use one of"
                        + " string, usernamePassword, file, sshUserPrivateKey");
        assertThat(failureOf("{\"credentials\": {\n\"a\": {\"type\": \"strng\", \"secret\": \"x\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'a' has an unknown type 'strng'"
                        + " (did you mean 'string'?); use one of string, usernamePassword, file, sshUserPrivateKey");
        assertThat(failureOf("{\"credentials\": {\n\"a\": \"x\"}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'a' must be an object, was a string");
    }

    @Test
    void refusesAnEntryWithoutItsFields() {
        assertThat(failureOf(
                        "{\"credentials\": {\n\"nexus\": {\"type\": \"usernamePassword\", \"username\": \"ci\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'nexus' of type 'usernamePassword'"
                        + " has no \"password\"");
    }

    @Test
    void refusesAFieldThatIsNotAStringWithoutShowingIt() {
        assertThat(failureOf("{\"credentials\": {\n\"pin\": {\"type\": \"string\", \"secret\": 271828}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'pin' of type 'string' has a \"secret\""
                        + " that is not a string but a number");
    }

    @Test
    void refusesAnUnknownFieldNamingTheClosestKnownOne() {
        assertThat(failureOf("{\"credentials\": {\n\"nexus\": {\"type\": \"usernamePassword\", \"username\": \"ci\","
                        + " \"pasword\": \"x\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'nexus' of type 'usernamePassword' has"
                        + " an unknown field \"pasword\" (did you mean 'password'?); a usernamePassword has"
                        + " \"username\", \"password\"");
    }

    @Test
    void refusesAFileEntryWithBothOrNeitherSource() {
        assertThat(failureOf("{\"credentials\": {\n\"f\": {\"type\": \"file\", \"path\": \"a\", \"content\": \"b\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'f' of type 'file' has both \"path\""
                        + " and \"content\"; keep one");
        assertThat(failureOf("{\"credentials\": {\n\"f\": {\"type\": \"file\", \"fileName\": \"a\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'f' of type 'file' has neither"
                        + " \"path\" nor \"content\"");
        assertThat(failureOf("{\"credentials\": {\n\"f\": {\"type\": \"file\", \"content\": \"b\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'f' of type 'file' has \"content\" but"
                        + " no \"fileName\" to write it to");
        assertThat(failureOf("{\"credentials\": {\n\"f\": {\"type\": \"file\", \"content\": \"b\", \"fileName\":"
                        + " \"../x\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'f' of type 'file' has a \"fileName\""
                        + " that is not a file name: '../x'");
    }

    @Test
    void refusesAnSshEntryWithTwoKeys() {
        assertThat(failureOf("{\"credentials\": {\n\"git\": {\"type\": \"sshUserPrivateKey\", \"username\": \"git\","
                        + " \"privateKey\": \"k\", \"privateKeyFile\": \"f\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: credentials 'git' of type 'sshUserPrivateKey' has"
                        + " both \"privateKey\" and \"privateKeyFile\"; keep one");
    }

    @Test
    void refusesABlankId() {
        assertThat(failureOf("{\"credentials\": {\n\" \": {\"type\": \"string\", \"secret\": \"x\"}}}"))
                .isEqualTo("credentials file " + file + " line 2: a credentials id must not be blank");
    }
}
