package io.jenkins.plugins.orchestra.reliability.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.reliability.fixtures.Fleet;
import io.jenkins.plugins.orchestra.reliability.fixtures.RunnerJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files that hold keys and secrets while a step runs, seen for real from inside the step through a real {@code
 * orchestra run} whose temporary directory is the test's: Ansible's private key, vault password and secret variables
 * (core's provision), {@code withCredentials} key and secret files and the {@code sh} script (the runner), Declarative
 * {@code credentials()}. Each is owner-only (600, directories 700) while it exists and is gone once its step has ended,
 * also when the step failed.
 */
@Timeout(240)
class SecretFilesAccessTest {
    private static final String PLAYBOOK =
            """
            - hosts: web
              gather_facts: false
              tasks:
                - name: log in with the key
                  command: "true"
                - name: what the runner wrote for this step, seen while the step runs
                  delegate_to: localhost
                  run_once: true
                  shell: "stat -c '%a %U %F %n' {{ tmp }}/orchestra-provision-* {{ tmp }}/orchestra-provision-*/* > {{ seen }}"
                - name: fail, if told to
                  fail: msg="failing as told"
                  when: fail_now | bool
            """;

    private static final String SCRIPTED =
            """
            node {
                def vars = [tmp: '%1$s', seen: '%2$s/seen-provision.txt', fail_now: 'false']
                provision tool: 'ansible', playbook: 'site.yml', inventory: 'inventory.ini', sshCredentials: 'deploy-key',
                          vaultCredentials: 'vault-pass', secretVars: [db_password: 'db-pass'], extraVars: vars,
                          timeout: '3m'
                sh 'ls -A tmp > after-provision.txt'
                try {
                    provision tool: 'ansible', playbook: 'site.yml', inventory: 'inventory.ini',
                              sshCredentials: 'deploy-key', vaultCredentials: 'vault-pass',
                              secretVars: [db_password: 'db-pass'],
                              extraVars: vars + [seen: '%2$s/seen-provision-failed.txt', fail_now: 'true'],
                              timeout: '3m'
                    echo 'MARK the failing provision did not fail'
                } catch (e) {
                    echo "MARK provision failed: ${e.message}"
                }
                sh 'ls -A tmp > after-provision-failed.txt'
                withCredentials([sshUserPrivateKey(credentialsId: 'deploy-key', keyFileVariable: 'KEY'),
                                 file(credentialsId: 'secret-file', variable: 'SECRET_FILE')]) {
                    sh 'stat -c "%%a %%U %%F %%n" "$KEY" "$(dirname "$KEY")" "$SECRET_FILE" > seen-with-credentials.txt'
                }
                sh 'ls -A tmp > after-with-credentials.txt'
                try {
                    withCredentials([sshUserPrivateKey(credentialsId: 'deploy-key', keyFileVariable: 'KEY'),
                                     file(credentialsId: 'secret-file', variable: 'SECRET_FILE')]) {
                        sh 'stat -c "%%a %%U %%F %%n" "$KEY" "$(dirname "$KEY")" "$SECRET_FILE" > seen-with-credentials-failed.txt; exit 3'
                    }
                } catch (e) {
                    echo "MARK withCredentials failed: ${e.message}"
                }
                sh 'ls -A tmp > after-with-credentials-failed.txt'
                withCredentials([string(credentialsId: 'db-pass', variable: 'DB')]) {
                    sh "stat -c '%%a %%U %%F %%n' \\"\\$0\\" \\"\\$(dirname \\"\\$0\\")\\" > seen-sh.txt"
                }
            }
            """;

    private static final String DECLARATIVE =
            """
            pipeline {
                agent any
                environment {
                    KEY = credentials('deploy-key')
                    SECRET_FILE = credentials('secret-file')
                }
                stages {
                    stage('use') {
                        steps {
                            sh 'stat -c "%a %U %F %n" "$KEY" "$(dirname "$KEY")" "$SECRET_FILE" "$(dirname "$SECRET_FILE")" > seen-environment.txt'
                        }
                    }
                }
            }
            """;

    static final AccessChecks checks = new AccessChecks("secret files");

    @TempDir
    static Path dir;

    private static Fleet fleet;
    private static Result scripted;
    private static Result declarative;

    @BeforeAll
    static void oneHost() throws Exception {
        assumeTrue(
                Stream.of(System.getenv("PATH").split(":"))
                        .anyMatch(d -> Files.isExecutable(Path.of(d, "ansible-playbook"))),
                "ansible-playbook is not on PATH (apt-get install ansible)");
        fleet = Fleet.start(dir.resolve("fleet"), 1, 81);
        Path scriptedWs = workspace("scripted");
        Files.writeString(scriptedWs.resolve("Jenkinsfile"), SCRIPTED.formatted(scriptedWs.resolve("tmp"), scriptedWs));
        Path declarativeWs = workspace("declarative");
        Files.writeString(declarativeWs.resolve("Jenkinsfile"), DECLARATIVE);
        // the two runs at once: they share nothing but the machine, and the suite stays short
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Result> s = pool.submit(() -> run(scriptedWs));
            Future<Result> d = pool.submit(() -> run(declarativeWs));
            scripted = s.get();
            declarative = d.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @AfterAll
    static void stopAndReport() throws Exception {
        if (fleet != null) {
            fleet.close();
        }
        checks.write();
    }

    @Test
    void keysAndSecretsAreOwnerOnlyWhileTheStepRunsAndGoneAfterItAlsoWhenItFails() throws Exception {
        Path ws = dir.resolve("scripted");
        Path tmp = ws.resolve("tmp");
        Result run = scripted;

        checks.check("the run did what it was told (two steps failed on purpose, inside try)", () -> {
            assertThat(run.exit()).as(run.out()).isZero();
            assertThat(run.out())
                    .contains("MARK provision failed: ")
                    .contains("MARK withCredentials failed: ")
                    .doesNotContain("MARK the failing provision did not fail");
        });
        ownerOnly(
                "provision (Ansible): private key, vault password, secret and extra vars",
                ws,
                "seen-provision.txt",
                List.of("ssh-key", "vault-password", "secret-vars.json", "extra-vars.json"));
        ownerOnly(
                "provision (Ansible) that fails",
                ws,
                "seen-provision-failed.txt",
                List.of("ssh-key", "vault-password", "secret-vars.json"));
        gone("provision's private directory, after the step", ws, "after-provision.txt", "orchestra-provision-");
        gone(
                "provision's private directory, after the step failed",
                ws,
                "after-provision-failed.txt",
                "orchestra-provision-");
        ownerOnly(
                "withCredentials: the SSH key and a secret file",
                ws,
                "seen-with-credentials.txt",
                List.of("ssh-key", "secret.txt"));
        ownerOnly(
                "withCredentials whose body fails",
                ws,
                "seen-with-credentials-failed.txt",
                List.of("ssh-key", "secret.txt"));
        gone("withCredentials' files, after the block", ws, "after-with-credentials.txt", "orchestra-credentials");
        gone(
                "withCredentials' files, after the block failed",
                ws,
                "after-with-credentials-failed.txt",
                "orchestra-credentials");
        ownerOnly("an sh step's script (it may hold an interpolated secret)", ws, "seen-sh.txt", List.of("script.sh"));
        nothingLeft("the scripted run", tmp);
        checks.assertAllPassed();
    }

    @Test
    void declarativeCredentialsFilesAreOwnerOnlyAndGoneWhenTheRunEnds() throws Exception {
        Path ws = dir.resolve("declarative");
        Result run = declarative;
        checks.check(
                "the Declarative run succeeds",
                () -> assertThat(run.exit()).as(run.out()).isZero());
        ownerOnly(
                "environment { KEY = credentials(...) }: the SSH key and a secret file",
                ws,
                "seen-environment.txt",
                List.of("key", "secret.txt"));
        nothingLeft("the Declarative run", ws.resolve("tmp"));
        checks.assertAllPassed();
    }

    // ---------------------------------------------------------------------------------------------------------------

    record Result(int exit, String out) {}

    private static Path workspace(String name) throws IOException {
        Path ws = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(ws.resolve("tmp"));
        Files.writeString(ws.resolve("site.yml"), PLAYBOOK);
        Files.writeString(ws.resolve("inventory.ini"), fleet.inventory(fleet.knownHosts(ws.resolve("known_hosts"))));
        fleet.credentials(
                ws.resolve("credentials.json"),
                "\"vault-pass\": {\"type\": \"string\", \"secret\": \"vault-pass-5150\"}",
                "\"db-pass\": {\"type\": \"string\", \"secret\": \"db-pass-8086\"}",
                "\"secret-file\": {\"type\": \"file\", \"fileName\": \"secret.txt\", \"content\": \"file-secret-6502\"}");
        return ws;
    }

    private static Result run(Path ws) throws Exception {
        try (RunnerJvm runner = RunnerJvm.start(
                ws,
                Map.of(),
                List.of("-Djava.io.tmpdir=" + ws.resolve("tmp")),
                "run",
                "Jenkinsfile",
                "--credentials",
                "credentials.json",
                "--no-ui",
                "--plain")) {
            int exit = runner.waitFor(Duration.ofSeconds(180));
            String out = runner.output();
            return new Result(exit, out);
        }
    }

    /**
     * Checks the {@code stat} lines ({@code mode user type path}) a step wrote while its files existed: each named
     * file was there, and every file and directory listed is the runner's user's and owner-only.
     */
    private static void ownerOnly(String what, Path ws, String seen, List<String> names) {
        checks.check(what + ": each file was there while the step ran", () -> {
            List<String> lines = Files.readAllLines(ws.resolve(seen));
            for (String name : names) {
                assertThat(lines).as(seen).anyMatch(l -> l.endsWith("/" + name));
            }
        });
        checks.check(what + ": the secrets 600 (a script 700) in directories 700, the runner's user's", () -> {
            Map<Path, String[]> seenFiles = new LinkedHashMap<>();
            for (String line : Files.readAllLines(ws.resolve(seen))) {
                String[] f = line.split(" ", 3); // mode, user, "type path" where a type may have a space
                String type = f[2].startsWith("directory ") ? "directory" : "file";
                seenFiles.put(Path.of(f[2].substring(f[2].indexOf('/'))), new String[] {f[0], f[1], type});
            }
            assertThat(seenFiles).isNotEmpty();
            seenFiles.forEach((path, f) -> {
                String line = String.join(" ", f) + " " + path;
                assertThat(f[1]).as(line).isEqualTo(System.getProperty("user.name"));
                boolean secret = names.contains(path.getFileName().toString());
                if (secret) {
                    assertThat(f[0]).as(line).isEqualTo(path.endsWith("script.sh") ? "700" : "600");
                    assertThat(seenFiles.get(path.getParent()))
                            .as("the directory of " + path)
                            .isNotNull()
                            .satisfies(d -> assertThat(d[0]).isEqualTo("700"));
                } else {
                    // what holds no secret (Ansible's progress callback) may be readable, inside a 700 directory
                    assertThat(f[0].equals(f[2].equals("directory") ? "700" : "600") || insidePrivate(seenFiles, path))
                            .as(line + " is owner-only or inside a 700 directory")
                            .isTrue();
                }
            });
        });
    }

    private static boolean insidePrivate(Map<Path, String[]> seen, Path path) {
        for (Path p = path.getParent(); p != null; p = p.getParent()) {
            String[] f = seen.get(p);
            if (f != null && f[2].equals("directory") && f[0].equals("700")) {
                return true;
            }
        }
        return false;
    }

    /** Checks that a listing of the temporary directory made after a step shows none of its files. */
    private static void gone(String what, Path ws, String listing, String prefix) {
        checks.check(what + " is gone", () -> assertThat(Files.readAllLines(ws.resolve(listing)))
                .noneMatch(l -> l.startsWith(prefix)));
    }

    /** Checks that the runner left nothing holding a secret in its temporary directory once it ended. */
    private static void nothingLeft(String what, Path tmp) {
        checks.check(what + " left nothing in the temporary directory", () -> {
            List<String> left = new ArrayList<>();
            try (var files = Files.walk(tmp)) {
                files.filter(p -> !p.equals(tmp))
                        .forEach(p -> left.add(tmp.relativize(p) + (Files.isDirectory(p) ? "/" : "")));
            }
            assertThat(left).isEmpty();
        });
    }
}
