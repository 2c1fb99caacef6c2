package io.jenkins.plugins.orchestra.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The local target end to end: real directories, real symlinks, real shell commands. */
@Timeout(60)
class LocalDeployTest {
    @TempDir
    Path ws;

    private final Deployer deployer = new Deployer(TargetKinds.defaults());

    private DeployResult deploy(RecordingStepHost host, Map<String, Object> args) throws InterruptedException {
        return deployer.deploy(DeploySpec.parse(args), host, DeployApproval.refuseAll("nobody"));
    }

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void firstDeployUnpacksTheReleaseAndSwitchesCurrent() throws Exception {
        Fixtures.tarGz(ws, "app.tar.gz", "1");
        RecordingStepHost host = new RecordingStepHost(ws);
        DeployResult r = deploy(
                host, args("target", Map.of("kind", "local", "base", "srv"), "artifact", "app.tar.gz", "version", "1"));
        Path base = ws.resolve("srv");
        assertThat(Files.readSymbolicLink(base.resolve("current"))).isEqualTo(Path.of("releases/1"));
        assertThat(Fixtures.live(base)).isEqualTo("1");
        assertThat(base.resolve("releases/1/bin/run.sh")).isExecutable();
        List<String> log = Files.readAllLines(base.resolve(".orchestra/releases.log"));
        assertThat(log).hasSize(1);
        assertThat(log.get(0)).contains("\tdeploy\t1\t" + Artifact.sha256(ws.resolve("app.tar.gz")) + "\tapp#7\talice");
        assertThat(base.resolve(".orchestra/lock")).doesNotExist();
        assertThat(r.succeeded()).isTrue();
        assertThat(r.toOutputs()).containsEntry("version", "1").containsEntry("result", "SUCCESS");
        assertThat(host.log()).contains("[localhost] current -> 1", "Deployed 1 to target 'inline'");
    }

    @Test
    void redeployingTheSameVersionFromTheSameArtifactChangesNothingAndSaysSo() throws Exception {
        Fixtures.tarGz(ws, "app.tar.gz", "1");
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> args =
                args("target", Map.of("kind", "local", "base", "srv"), "artifact", "app.tar.gz", "version", "1");
        deploy(host, args);
        Path current = ws.resolve("srv/current");
        Object inode = Files.readAttributes(current, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        DeployResult again = deploy(host, args);
        assertThat(again.hosts()).extracting(HostResult::outcome).containsExactly(HostOutcome.UNCHANGED);
        assertThat(host.log()).contains("[localhost] 1 is already live with the same checksum: nothing to do");
        assertThat(Files.readAttributes(current, "unix:ino", java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isEqualTo(inode);
        assertThat(Files.readAllLines(ws.resolve("srv/.orchestra/releases.log")))
                .hasSize(1);
    }

    @Test
    void theSameVersionFromAnotherArtifactIsRefusedBeforeAnythingChanges() throws Exception {
        Fixtures.tarGz(ws, "a.tar.gz", "1");
        Fixtures.tarGz(ws, "b.tar.gz", "1-rebuilt");
        RecordingStepHost host = new RecordingStepHost(ws);
        deploy(host, args("target", Map.of("kind", "local", "base", "srv"), "artifact", "a.tar.gz", "version", "1"));
        assertThatThrownBy(() -> deploy(
                        host,
                        args("target", Map.of("kind", "local", "base", "srv"), "artifact", "b.tar.gz", "version", "1")))
                .isInstanceOf(DeployException.class)
                .hasMessageStartingWith("deploy: nothing was changed: version 1 is already on localhost from another"
                        + " artifact (sha256 ")
                .hasMessageEndingWith("; give this build its own version");
        assertThat(Fixtures.live(ws.resolve("srv"))).isEqualTo("1");
        assertThat(ws.resolve("srv/.orchestra/lock")).doesNotExist();
    }

    @Test
    void aDirectoryIsShippedAsOneArchiveAndKeepsItsFiles() throws Exception {
        Path dir = Files.createDirectories(ws.resolve("build/site"));
        Files.writeString(dir.resolve("index.html"), "version d1\n");
        Files.createDirectories(dir.resolve("css"));
        Files.writeString(dir.resolve("css/app.css"), "body{}\n");
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> args =
                args("target", Map.of("kind", "local", "base", "srv"), "artifact", "build/site", "version", "d1");
        deploy(host, args);
        assertThat(Fixtures.live(ws.resolve("srv"))).isEqualTo("d1");
        assertThat(ws.resolve("srv/current/css/app.css")).hasContent("body{}");
        // a directory's checksum is of its tree: the same tree again is the same release
        assertThat(deploy(host, args).hosts().get(0).outcome()).isEqualTo(HostOutcome.UNCHANGED);
    }

    @Test
    void aZipIsUnpackedAndASingleFileKeepsItsNameAndMode() throws Exception {
        Path src = Files.createDirectories(ws.resolve("zipsrc"));
        Files.writeString(src.resolve("index.html"), "version z1\n");
        Process zip = new ProcessBuilder(
                        "zip", "-q", "-r", ws.resolve("app.zip").toString(), ".")
                .directory(src.toFile())
                .start();
        assertThat(zip.waitFor()).isZero();
        Path jar = ws.resolve("tool.sh");
        Files.writeString(jar, "#!/bin/sh\necho hi\n");
        jar.toFile().setExecutable(true);
        RecordingStepHost host = new RecordingStepHost(ws);
        deploy(host, args("target", Map.of("kind", "local", "base", "zip"), "artifact", "app.zip", "version", "z1"));
        deploy(host, args("target", Map.of("kind", "local", "base", "file"), "artifact", "tool.sh", "version", "f1"));
        assertThat(Fixtures.live(ws.resolve("zip"))).isEqualTo("z1");
        assertThat(ws.resolve("file/current/tool.sh")).isExecutable().hasContent("#!/bin/sh\necho hi");
    }

    @Test
    void sharedPathsAreLinkedIntoEveryReleaseAndOutliveThem() throws Exception {
        Fixtures.tarGz(ws, "a.tar.gz", "1");
        Fixtures.tarGz(ws, "b.tar.gz", "2");
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> target = Map.of("kind", "local", "base", "srv");
        deploy(
                host,
                args(
                        "target",
                        target,
                        "artifact",
                        "a.tar.gz",
                        "version",
                        "1",
                        "shared",
                        List.of("logs", "bin/run.sh")));
        Path base = ws.resolve("srv");
        Files.writeString(base.resolve("current/logs/app.log"), "from release 1\n");
        // the first release's bin/run.sh moved into shared/ and is linked back
        assertThat(base.resolve("shared/bin/run.sh")).hasContent("#!/bin/sh\necho running 1");
        deploy(
                host,
                args(
                        "target",
                        target,
                        "artifact",
                        "b.tar.gz",
                        "version",
                        "2",
                        "shared",
                        List.of("logs", "bin/run.sh")));
        assertThat(Files.isSymbolicLink(base.resolve("releases/2/logs"))).isTrue();
        assertThat(base.resolve("current/logs/app.log")).hasContent("from release 1");
        assertThat(base.resolve("current/bin/run.sh")).hasContent("#!/bin/sh\necho running 1");
    }

    @Test
    void hooksRunAroundTheSwitchWithTheReleaseInTheirEnvironment() throws Exception {
        Fixtures.tarGz(ws, "a.tar.gz", "1");
        Fixtures.tarGz(ws, "b.tar.gz", "2");
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> hooks = Map.of(
                "before",
                List.of("echo \"before $DEPLOY_VERSION (was $DEPLOY_PREVIOUS_VERSION) in $(pwd)\""),
                "after",
                "readlink \"$DEPLOY_BASE/current\" > \"$DEPLOY_BASE/switched-to\"; echo \"after on $DEPLOY_HOST\"");
        Map<String, Object> target = Map.of("kind", "local", "base", "srv");
        deploy(host, args("target", target, "artifact", "a.tar.gz", "version", "1", "hooks", hooks));
        deploy(host, args("target", target, "artifact", "b.tar.gz", "version", "2", "hooks", hooks));
        Path base = ws.resolve("srv").toRealPath();
        assertThat(host.log())
                .contains("[localhost] before hook: echo \"before $DEPLOY_VERSION")
                .contains("[localhost]   before 2 (was 1) in " + base + "/releases/2")
                .contains("[localhost]   after on localhost");
        assertThat(base.resolve("switched-to")).hasContent("releases/2");
    }

    @Test
    void aFailingBeforeHookLeavesTheLiveReleaseAlone() throws Exception {
        Fixtures.tarGz(ws, "a.tar.gz", "1");
        Fixtures.tarGz(ws, "b.tar.gz", "2");
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> target = Map.of("kind", "local", "base", "srv");
        deploy(host, args("target", target, "artifact", "a.tar.gz", "version", "1"));
        assertThatThrownBy(() -> deploy(
                        host,
                        args(
                                "target",
                                target,
                                "artifact",
                                "b.tar.gz",
                                "version",
                                "2",
                                "hooks",
                                Map.of("before", "echo migrating; echo 'schema locked' >&2; exit 3"))))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: deploy to target 'inline' failed: 1 of 1 host failed (localhost: before hook 'echo"
                        + " migrating; echo 'schema locked' >&2; exit 3' exited 3: schema locked)");
        assertThat(Fixtures.live(ws.resolve("srv"))).isEqualTo("1");
        assertThat(host.log()).contains("localhost  1 -> 2           failed");
    }

    @Test
    void aReleasePreparedButNeverMadeLiveIsReusedByTheNextDeployOfTheSameArtifact() throws Exception {
        Fixtures.tarGz(ws, "a.tar.gz", "1");
        Fixtures.tarGz(ws, "b.tar.gz", "2");
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> target = Map.of("kind", "local", "base", "srv");
        deploy(host, args("target", target, "artifact", "a.tar.gz", "version", "1"));
        assertThatThrownBy(() -> deploy(
                        host,
                        args(
                                "target",
                                target,
                                "artifact",
                                "b.tar.gz",
                                "version",
                                "2",
                                "hooks",
                                Map.of("before", "false"))))
                .isInstanceOf(DeployException.class);
        assertThat(ws.resolve("srv/releases/2")).isDirectory();

        RecordingStepHost again = new RecordingStepHost(ws);
        DeployResult r = deploy(again, args("target", target, "artifact", "b.tar.gz", "version", "2"));
        assertThat(r.succeeded()).isTrue();
        assertThat(Fixtures.live(ws.resolve("srv"))).isEqualTo("2");
        assertThat(again.log()).doesNotContain("uploaded");

        Fixtures.tarGz(ws, "c.tar.gz", "2-rebuilt");
        assertThatThrownBy(() -> deploy(host, args("target", target, "artifact", "c.tar.gz", "version", "2")))
                .hasMessageContaining("version 2 is already on localhost from another artifact");
    }

    @Test
    void keepsTheNewestReleasesButNeverTheLiveOneOrTheOneBefore() throws Exception {
        RecordingStepHost host = new RecordingStepHost(ws);
        Map<String, Object> target = Map.of("kind", "local", "base", "srv");
        for (int v = 1; v <= 5; v++) {
            Fixtures.tarGz(ws, v + ".tar.gz", "" + v);
            deploy(host, args("target", target, "artifact", v + ".tar.gz", "version", "" + v, "keep", 2));
        }
        try (var dirs = Files.list(ws.resolve("srv/releases"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted()).containsExactly("4", "5");
        }
        assertThat(host.log()).contains("[localhost] deleted old releases: 1");
        deploy(
                host,
                args("target", "web", "rollback", true).entrySet().stream()
                        .collect(java.util.stream.Collectors.toMap(
                                Map.Entry::getKey, e -> e.getKey().equals("target") ? target : e.getValue())));
        assertThat(Fixtures.live(ws.resolve("srv"))).isEqualTo("4");
    }

    @Test
    void anArtifactThatDoesNotExistIsNamed() {
        RecordingStepHost host = new RecordingStepHost(ws);
        assertThatThrownBy(() -> deploy(
                        host,
                        args(
                                "target",
                                Map.of("kind", "local", "base", "srv"),
                                "artifact",
                                "build/missing.tar.gz",
                                "version",
                                "1")))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: artifact " + ws.resolve("build/missing.tar.gz") + " does not exist");
    }

    @Test
    void anUnknownTargetSuggestsTheClosestConfiguredOne() {
        RecordingStepHost host = new RecordingStepHost(ws)
                .target("web", Fixtures.localTarget(ws, 1))
                .target("api", Fixtures.localTarget(ws.resolve("api"), 1));
        assertThatThrownBy(() -> deploy(host, args("target", "wbe", "artifact", "a.tar.gz", "version", "1")))
                .isInstanceOf(DeployException.class)
                .hasMessage("deploy: no target 'wbe' is configured (did you mean 'web'?); configured targets: api, web,"
                        + " or give it inline: target: [kind: 'local', base: '…']");
    }

    @Test
    void anUnknownKindSuggestsTheClosestOne() {
        RecordingStepHost host = new RecordingStepHost(ws).target("web", Map.of("kind", "lcoal", "base", "srv"));
        assertThatThrownBy(() -> deploy(host, args("target", "web", "rollback", true)))
                .hasMessage("deploy: target 'web' has kind 'lcoal' (did you mean 'local'?); kinds: local, ssh, tomcat");
    }
}
