package io.jenkins.plugins.orchestra.reliability.crash;

import io.jenkins.plugins.orchestra.reliability.fixtures.Fleet;
import io.jenkins.plugins.orchestra.reliability.fixtures.Receiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The delivery pipeline the crash harness kills: inside {@code orchestrate}, Ansible provisions the fleet over SSH
 * while the build makes a reproducible tar.gz, two checks need the build (one fails its first attempt and is retried),
 * the deploy needs all three and rolls out over SSH host by host with a command health check (the last host fails
 * the check the first time, so the first attempt rolls back and the stage's retry deploys again), and a webhook is
 * told. Every stage's last step appends its name to {@code completed.log}, so a stage run twice shows.
 */
final class Delivery {
    static final String VERSION = "1.0.0";
    static final List<String> STAGES = List.of("provision", "build", "unit", "lint", "deploy", "announce");

    private static final String JENKINSFILE =
            """
            node {
                orchestrate {
                    stage('provision') {
                        def p = provision tool: 'ansible', playbook: 'site.yml', inventory: 'inventory.ini',
                                          sshCredentials: 'deploy-key', timeout: '3m'
                        sh "echo provision >> completed.log"
                    }
                    stage('build') {
                        sh '''
                            rm -rf target && mkdir -p target
                            tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - -C app . \\
                                | gzip -n -1 > target/app.tar.gz
                        '''
                        sh "echo build >> completed.log"
                    }
                    stage('unit', needs: ['build'], retry: [count: 2, backoff: '500ms']) {
                        sh 'if [ ! -e unit-failed-once ]; then touch unit-failed-once; echo flaky; exit 1; fi'
                        sh "echo unit >> completed.log"
                    }
                    stage('lint', needs: ['build']) {
                        sh 'test -s target/app.tar.gz'
                        sh "echo lint >> completed.log"
                    }
                    stage('deploy', needs: ['provision', 'unit', 'lint'], retry: [count: 2, backoff: '500ms']) {
                        deploy target: 'web', artifact: 'target/app.tar.gz', version: '%s', strategy: 'rolling',
                               batch: 1, keep: 3, healthCheck: [command: './health.sh', timeout: '2s', interval: '500ms']
                        sh "echo deploy >> completed.log"
                    }
                    stage('announce', needs: ['deploy']) {
                        notify channel: 'hook', message: 'app %s is live', required: true
                        sh "echo announce >> completed.log"
                    }
                }
            }
            """
                    .formatted(VERSION, VERSION);

    /**
     * The check on the host: passes, except on the last host ({@code h2}), which fails it for the first two tries of
     * the first deploy (longer than its timeout), then passes from then on.
     */
    private static final String HEALTH =
            """
            #!/bin/sh
            base="$DEPLOY_BASE"
            case "$base" in */h2) ;; *) exit 0 ;; esac
            [ -e "$base/.health-failed" ] && exit 0
            if [ -e "$base/.health-probed" ]; then touch "$base/.health-failed"; fi
            touch "$base/.health-probed"
            echo "not healthy yet"; exit 1
            """;

    private static final String PLAYBOOK =
            """
            - hosts: web
              gather_facts: false
              tasks:
                - name: the base directory
                  file: path="{{ base }}" state=directory mode=0755
                - name: mark the host provisioned
                  copy: dest="{{ base }}/provisioned" content="yes\\n"
            """;

    private Delivery() {}

    /** Lays out a workspace in {@code dir} whose hosts keep their releases in {@code dir/hosts/h<i>}. */
    static Map<String, String> workspace(Path dir, Fleet fleet, Receiver receiver, long artifactBytes)
            throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("Jenkinsfile"), JENKINSFILE);
        Files.writeString(dir.resolve("site.yml"), PLAYBOOK);
        Path health = dir.resolve("app/health.sh");
        Files.writeString(health, HEALTH);
        health.toFile().setExecutable(true);
        byte[] data = new byte[(int) artifactBytes];
        new SplittableRandom(42).nextBytes(data);
        Files.write(dir.resolve("app/data.bin"), data);
        Files.writeString(dir.resolve("app/VERSION"), VERSION + "\n");
        Map<String, String> manifest = new LinkedHashMap<>();
        for (String f : List.of("VERSION", "data.bin", "health.sh")) {
            manifest.put(f, sha256(dir.resolve("app").resolve(f)));
        }
        Path knownHosts = fleet.knownHosts(dir.resolve("known_hosts"));
        StringBuilder inventory = new StringBuilder("[web]\n");
        StringBuilder bases = new StringBuilder();
        for (int i = 0; i < fleet.servers().size(); i++) {
            var h = fleet.servers().get(i);
            inventory.append("h%d ansible_host=%s ansible_port=%d ansible_user=%s base=%s%n"
                    .formatted(i, h.host(), h.port(), h.user(), base(dir, i)));
            bases.append("      \"%s\": %s%n".formatted(fleet.name(i), base(dir, i)));
        }
        inventory
                .append("\n[web:vars]\nansible_python_interpreter=/usr/bin/python3\n")
                .append(
                        "ansible_ssh_common_args='-o UserKnownHostsFile=%s -o StrictHostKeyChecking=yes -o BatchMode=yes'\n"
                                .formatted(knownHosts));
        Files.writeString(dir.resolve("inventory.ini"), inventory);
        Files.writeString(
                dir.resolve("orchestra.yaml"),
                """
                targets:
                  web:
                    kind: ssh
                    hosts: [%s]
                    bases:
                %s    credentialsId: deploy-key
                    knownHosts: %s
                    connectTimeout: 5s
                channels:
                  hook:
                    kind: webhook
                    url: %s
                    timeout: 5s
                """
                        .formatted(
                                fleet.names().stream().map(n -> "\"" + n + "\"").collect(Collectors.joining(", ")),
                                bases,
                                knownHosts,
                                receiver.url("/deliveries")));
        fleet.credentials(dir.resolve("credentials.json"));
        return manifest;
    }

    static Path base(Path dir, int host) {
        return dir.resolve("hosts").resolve("h" + host);
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
