package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.StringCredential;
import io.jenkins.plugins.orchestra.host.UsernamePasswordCredential;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What goes wrong on a host: a disk that refuses writes; and what must never show: secrets. */
@Timeout(60)
class FailuresTest {
    private static final String TOKEN = "s3cr3t-T0ken-4711";

    @TempDir
    Path ws;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());

    private DeployResult deploy(RecordingStepHost host, String version, Object... more) throws InterruptedException {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("target", Map.of("kind", "local", "base", "srv"));
        args.put("artifact", "v" + version + ".tar.gz");
        args.put("version", version);
        for (int i = 0; i < more.length; i += 2) {
            args.put((String) more[i], more[i + 1]);
        }
        return deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    /**
     * Makes {@code dir} refuse new entries: read-only for a normal user; immutable ({@code chattr +i}) for root, whom
     * permissions do not stop. Skips the test where neither works.
     */
    private static void refuseWrites(Path dir) throws Exception {
        dir.toFile().setWritable(false, false);
        if (canWrite(dir)) {
            Process p = new ProcessBuilder("chattr", "+i", dir.toString())
                    .redirectErrorStream(true)
                    .start();
            p.waitFor();
        }
        assumeTrue(!canWrite(dir), "cannot make a directory refuse writes here");
    }

    private static void allowWrites(Path dir) throws Exception {
        new ProcessBuilder("chattr", "-i", dir.toString())
                .redirectErrorStream(true)
                .start()
                .waitFor();
        dir.toFile().setWritable(true, false);
    }

    private static boolean canWrite(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ""));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void aDirectoryThatRefusesWritesFailsTheHostAndLeavesTheLiveReleaseAlone() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Fixtures.tarGz(ws, "v2.tar.gz", "2");
        RecordingStepHost host = new RecordingStepHost(ws);
        deploy(host, "1");
        Path releases = ws.resolve("srv/releases");
        refuseWrites(releases);
        try {
            assertThatThrownBy(() -> deploy(host, "2"))
                    .isInstanceOf(DeployException.class)
                    .hasMessageStartingWith("deploy: deploy to target 'inline' failed: 1 of 1 host failed (localhost:"
                            + " unpacking 2 failed (exit code 1): mkdir: cannot create directory")
                    .hasMessageContaining("Operation not permitted");
        } finally {
            allowWrites(releases);
        }
        assertThat(Fixtures.live(ws.resolve("srv"))).isEqualTo("1");
        assertThat(ws.resolve("srv/.orchestra/lock")).doesNotExist();
        try (var uploads = Files.list(ws.resolve("srv/.orchestra/uploads"))) {
            assertThat(uploads).as("the partial upload is removed").isEmpty();
        }
        assertThat(host.log()).containsPattern("localhost +1 -> 2 +failed +");
    }

    @Test
    void aBaseThatRefusesWritesFailsBeforeAnythingChanges() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Path base = Files.createDirectories(ws.resolve("srv"));
        refuseWrites(base);
        try {
            assertThatThrownBy(() -> deploy(new RecordingStepHost(ws), "1"))
                    .isInstanceOf(DeployException.class)
                    .hasMessageStartingWith("deploy: nothing was changed: localhost: cannot create the lock in " + base
                            + "/.orchestra (exit code 3): mkdir: cannot create directory");
        } finally {
            allowWrites(base);
        }
        try (var files = Files.list(base)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void secretsNeverReachTheLogTheMessageOrTheOutputs() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        Fixtures.tarGz(ws, "v2.tar.gz", "2");
        try (HealthServer health = new HealthServer()) {
            health.requireAuthorization("Bearer " + TOKEN);
            RecordingStepHost host = new RecordingStepHost(ws)
                    .credential(new StringCredential("health-token", Secret.of(TOKEN)))
                    .env("API_TOKEN", TOKEN);
            Map<String, Object> check = Map.of(
                    "url", health.url("health"), "credentialsId", "health-token", "timeout", "1s", "interval", "100ms");
            DeployResult ok = deploy(
                    host, "1", "healthCheck", check, "hooks", Map.of("after", "echo \"calling with $API_TOKEN\""));
            assertThat(ok.succeeded()).isTrue();
            assertThat(health.authorizations()).containsOnly("Bearer " + TOKEN);
            assertThat(host.log()).contains("calling with ****").doesNotContain(TOKEN);

            DeployException failed = (DeployException) org.assertj.core.api.Assertions.catchThrowable(() -> deploy(
                    host,
                    "2",
                    "healthCheck",
                    check,
                    "hooks",
                    Map.of("after", "echo \"token $API_TOKEN refused\" >&2; exit 1")));
            assertThat(failed)
                    .hasMessageContaining("after hook 'echo \"token $API_TOKEN refused\" >&2; exit 1'"
                            + " exited 1: token **** refused");
            assertThat(failed.getMessage()).doesNotContain(TOKEN);
            assertThat(failed.result().orElseThrow().toOutputs().toString())
                    .doesNotContain(TOKEN)
                    .contains("****");
            assertThat(host.log()).doesNotContain(TOKEN);
        }
    }

    @Test
    void basicAuthenticationIsSentAndMaskedInEveryForm() throws Exception {
        Fixtures.tarGz(ws, "v1.tar.gz", "1");
        String basic = "Basic " + Base64.getEncoder().encodeToString("ops:pa55-w0rd-x".getBytes());
        try (HealthServer health = new HealthServer()) {
            health.requireAuthorization(basic);
            RecordingStepHost host = new RecordingStepHost(ws)
                    .credential(new UsernamePasswordCredential("health", "ops", Secret.of("pa55-w0rd-x")));
            DeployResult ok = deploy(
                    host,
                    "1",
                    "healthCheck",
                    Map.of("url", health.url("h"), "credentialsId", "health", "timeout", "1s"),
                    "hooks",
                    Map.of("after", "echo '" + basic + "'"));
            assertThat(ok.succeeded()).isTrue();
            assertThat(host.log()).doesNotContain("pa55-w0rd-x").doesNotContain(basic.substring(6));
        }
    }
}
