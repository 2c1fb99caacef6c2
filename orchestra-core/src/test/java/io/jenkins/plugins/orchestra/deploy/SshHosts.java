package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real OpenSSH servers standing for the hosts of an {@code ssh} target, for a test class: each listens on a loopback
 * address of its own (127.0.0.11, 127.0.0.12, …), so that {@code {host}} in a health check URL tells them apart, and
 * lets in one deploy key. They run as the test's user, so each host's base directory is a local temp directory.
 */
final class SshHosts implements AutoCloseable {
    private static final String CREDENTIALS = "deploy-key";

    private final Path dir;
    private final List<OpenSshServer> servers = new ArrayList<>();
    private final Path knownHosts;

    private SshHosts(Path dir) {
        this.dir = dir;
        this.knownHosts = dir.resolve("known_hosts");
    }

    /** Starts {@code count} servers with addresses from 127.0.0.{@code firstAddress} on. */
    static SshHosts start(Path dir, int count, int firstAddress) throws Exception {
        SshHosts hosts = new SshHosts(dir);
        try {
            for (int i = 0; i < count; i++) {
                hosts.add(firstAddress + i);
            }
        } catch (Exception e) {
            hosts.close();
            throw e;
        }
        return hosts;
    }

    /** Starts one more server, on 127.0.0.{@code address}, that lets in the deploy key and is in known_hosts. */
    OpenSshServer add(int address) throws Exception {
        OpenSshServer s = OpenSshServer.start(
                dir.resolve("sshd-" + address), OpenSshServer.Options.defaults().withAddress("127.0.0." + address));
        servers.add(s);
        if (servers.size() > 1) {
            s.authorize(Path.of(servers.get(0).userKey() + ".pub"));
        }
        Files.writeString(
                knownHosts,
                s.knownHostsLine() + "\n",
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        return s;
    }

    OpenSshServer server(int i) {
        return servers.get(i);
    }

    /** How a target names server {@code i}: {@code 127.0.0.11:40123}. */
    String name(int i) {
        return name(servers.get(i));
    }

    static String name(OpenSshServer s) {
        return s.host() + ":" + s.port();
    }

    /** The address {@code {host}} becomes in a health check URL. */
    String address(int i) {
        return servers.get(i).host();
    }

    Path knownHosts() {
        return knownHosts;
    }

    /** The private key every server lets in. */
    Path deployKey() {
        return servers.get(0).userKey();
    }

    SshUserPrivateKeyCredential credential() throws IOException {
        return new SshUserPrivateKeyCredential(
                CREDENTIALS, servers.get(0).user(), Secret.of(Files.readString(deployKey())), Optional.empty());
    }

    /**
     * An {@code ssh} target of the first {@code count} servers, host {@code i}'s base being {@code <root>/h<i+1>}, with
     * the deploy key's credentials and this class's known_hosts.
     */
    Map<String, Object> target(Path root, int count) {
        return target(root, servers.subList(0, count));
    }

    Map<String, Object> target(Path root, List<OpenSshServer> these) {
        List<String> names = new ArrayList<>();
        Map<String, Object> bases = new LinkedHashMap<>();
        for (int i = 0; i < these.size(); i++) {
            String name = name(these.get(i));
            names.add(name);
            bases.put(name, root.resolve("h" + (i + 1)).toString());
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "ssh");
        t.put("hosts", names);
        t.put("bases", bases);
        t.put("credentialsId", CREDENTIALS);
        t.put("knownHosts", knownHosts.toString());
        t.put("connectTimeout", "5s");
        return t;
    }

    /** How many logins all servers have accepted so far. */
    int acceptedLogins() {
        return servers.stream().mapToInt(OpenSshServer::acceptedLogins).sum();
    }

    /** How many SFTP sessions all servers have served so far. */
    int sftpSessions() {
        return servers.stream()
                .mapToInt(s -> (int) s.log()
                        .lines()
                        .filter(l -> l.contains("subsystem request for sftp"))
                        .count())
                .sum();
    }

    /**
     * Everything under {@code base} as path → what it is: a symlink's target, a file's content, or a directory; to show
     * that nothing changed.
     */
    static Map<String, String> tree(Path base) throws IOException {
        Map<String, String> tree = new TreeMap<>();
        if (!Files.exists(base)) {
            return tree;
        }
        try (Stream<Path> paths = Files.walk(base)) {
            for (Path p : paths.toList()) {
                String key = base.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    tree.put(key, "-> " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p)) {
                    tree.put(key, "dir");
                } else {
                    tree.put(key, new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
                }
            }
        }
        return tree;
    }

    @Override
    public void close() throws InterruptedException {
        for (OpenSshServer s : servers) {
            s.close();
        }
    }
}
