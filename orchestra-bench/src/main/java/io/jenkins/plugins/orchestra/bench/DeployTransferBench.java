package io.jenkins.plugins.orchestra.bench;

import static io.jenkins.plugins.orchestra.bench.Table.f;

import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.ssh.SshConnector;
import io.jenkins.plugins.orchestra.deploy.ssh.SshSettings;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.mac.BuiltinMacs;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * Deploy transfers over SSH: an artifact uploaded through {@link SshConnector} to one host, to many hosts at once (the
 * {@code all} strategy: a bounded pool, every host in parallel), and to the same hosts one after another (as
 * publish-over-ssh does). Each host is a real OpenSSH server on loopback; every scenario opens its sessions afresh,
 * as a deploy does. Printed as Markdown tables for docs/benchmarks.md.
 *
 * <pre>
 * java -cp 'orchestra-bench/target/orchestra-bench-0.1.0-SNAPSHOT.jar:orchestra-bench/target/lib/*' \
 *     io.jenkins.plugins.orchestra.bench.DeployTransferBench [--quick] [--hosts N] [--mb N] [--threads N] \
 *     [--rounds N] [--no-probe] [--link-mbps N]
 * </pre>
 */
public final class DeployTransferBench {
    static final double RATIO_GOAL = 1.2;

    /**
     * Sizes of a run.
     *
     * @param hosts how many sshd stand for hosts
     * @param megabytes the artifact's size
     * @param threads the pool that uploads to all hosts at once
     * @param rounds measured rounds, after one warm-up round
     * @param probe whether to time raw SFTP uploads per cipher and write size too
     * @param linkMegabytesPerSecond if positive, also upload to 1 host and to all hosts at once through a proxy per host
     *     that lets this many MB/s through, as each host's own network link would
     */
    public record Config(
            int hosts, int megabytes, int threads, int rounds, boolean probe, double linkMegabytesPerSecond) {
        public static Config full() {
            return new Config(50, 20, 50, 5, true, 2);
        }

        public static Config quick() {
            return new Config(3, 1, 3, 1, false, 0);
        }
    }

    /** Wall times in seconds, per scenario, over the measured rounds. */
    public record Report(Stats one, Stats all, Stats sequential, Stats connectAll, double ratio, List<String> probe) {}

    /** One scenario's wall time and the CPU time spent meanwhile, in seconds. */
    record Times(double wall, double jvmCpu, double sshdCpu, double machineCpu) {}

    private DeployTransferBench() {}

    public static void main(String[] args) throws Exception {
        Config full = Config.full();
        int hosts = full.hosts();
        int megabytes = full.megabytes();
        int threads = full.threads();
        int rounds = full.rounds();
        boolean probe = full.probe();
        double link = full.linkMegabytesPerSecond();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    Config q = Config.quick();
                    hosts = q.hosts();
                    megabytes = q.megabytes();
                    threads = q.threads();
                    rounds = q.rounds();
                    probe = q.probe();
                    link = q.linkMegabytesPerSecond();
                }
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--mb" -> megabytes = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--no-probe" -> probe = false;
                case "--link-mbps" -> link = Double.parseDouble(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Config config = new Config(hosts, megabytes, threads, rounds, probe, link);
        Path work = Files.createTempDirectory("deploy-transfer-bench");
        try {
            run(config, work, System.out);
        } finally {
            deleteTree(work);
        }
    }

    public static Report run(Config config, Path work, PrintStream out) throws Exception {
        if (!OpenSshServer.isAvailable()) {
            throw new IllegalStateException("needs /usr/sbin/sshd and ssh-keygen (Debian: openssh-server)");
        }
        out.println("# Deploy transfer: " + config.hosts() + " hosts, " + config.megabytes() + " MB artifact, "
                + config.threads() + " threads, " + config.rounds() + " measured rounds");
        out.println();
        List<OpenSshServer> servers = startServers(config.hosts(), work);
        try {
            Path knownHosts = work.resolve("known_hosts");
            StringBuilder lines = new StringBuilder();
            for (OpenSshServer s : servers) {
                lines.append(s.knownHostsLine()).append('\n');
            }
            Files.writeString(knownHosts, lines);
            Path artifact = work.resolve("app.tar.gz");
            byte[] content = new byte[config.megabytes() * 1024 * 1024];
            new Random(20261123).nextBytes(content);
            Files.write(artifact, content);

            List<String> names =
                    servers.stream().map(s -> "127.0.0.1:" + s.port()).toList();
            RecordingStepHost host = new RecordingStepHost(work)
                    .credential(new SshUserPrivateKeyCredential(
                            "bench",
                            servers.get(0).user(),
                            Secret.of(Files.readString(servers.get(0).userKey())),
                            Optional.empty()));
            SshSettings settings = SshSettings.of("bench", names, "bench", knownHosts);

            List<Times> one = new ArrayList<>();
            List<Times> all = new ArrayList<>();
            List<Times> sequential = new ArrayList<>();
            List<Times> connectAll = new ArrayList<>();
            for (int round = 0; round <= config.rounds(); round++) {
                boolean warmUp = round == 0;
                Times t1 = measure(servers, () -> deploy(settings, host, names.subList(0, 1), artifact, work, 1, true));
                Times tc =
                        measure(servers, () -> deploy(settings, host, names, artifact, work, config.threads(), false));
                Times tn =
                        measure(servers, () -> deploy(settings, host, names, artifact, work, config.threads(), true));
                Times ts = measure(servers, () -> deploy(settings, host, names, artifact, work, 1, true));
                if (!warmUp) {
                    one.add(t1);
                    connectAll.add(tc);
                    all.add(tn);
                    sequential.add(ts);
                }
                out.println(f(
                        "%s round %d: 1 host %.2f s, %d hosts at once %.2f s (connect only %.2f s), one after another"
                                + " %.2f s",
                        warmUp ? "warm-up" : "measured",
                        round,
                        t1.wall(),
                        config.hosts(),
                        tn.wall(),
                        tc.wall(),
                        ts.wall()));
            }
            out.println();
            Stats s1 = wall(one);
            Stats sn = wall(all);
            Stats ss = wall(sequential);
            Stats sc = wall(connectAll);
            double ratio = sn.median() / s1.median();
            long bytes = (long) content.length;
            Table table = new Table(
                    "scenario",
                    "median s",
                    "min s",
                    "max s",
                    "MB/s (median)",
                    "JVM CPU s",
                    "sshd CPU s",
                    "machine CPU s");
            row(table, "1 host", one, s1, bytes);
            row(
                    table,
                    config.hosts() + " hosts at once (" + config.threads() + " threads)",
                    all,
                    sn,
                    bytes * config.hosts());
            row(table, config.hosts() + " hosts one after another", sequential, ss, bytes * config.hosts());
            row(table, config.hosts() + " hosts at once, connect only", connectAll, sc, 0);
            out.print(table);
            out.println();
            out.println(f(
                    "Ratio %d hosts at once ÷ 1 host (medians): %.2f (goal ≤ %.1f); one after another ÷ at once: %.2f",
                    config.hosts(), ratio, RATIO_GOAL, ss.median() / sn.median()));
            out.println();
            if (config.linkMegabytesPerSecond() > 0) {
                throttled(config, servers, host, artifact, work, out);
            }
            List<String> probe = config.probe() ? probe(servers.get(0), artifact, work, out) : List.of();
            return new Report(s1, sn, ss, sc, ratio, probe);
        } finally {
            for (OpenSshServer s : servers) {
                s.close();
            }
        }
    }

    /**
     * The same uploads through a {@link ThrottledProxy} per host: each host behind a link of its own that carries
     * {@code linkMegabytesPerSecond}, as remote hosts are, so that the link and not this machine's CPU bounds a
     * host's transfer. One warm-up and two measured rounds.
     */
    private static void throttled(
            Config config,
            List<OpenSshServer> servers,
            RecordingStepHost host,
            Path artifact,
            Path work,
            PrintStream out)
            throws Exception {
        List<ThrottledProxy> proxies = new ArrayList<>();
        try {
            StringBuilder lines = new StringBuilder();
            for (OpenSshServer s : servers) {
                ThrottledProxy proxy = new ThrottledProxy(s.port(), config.linkMegabytesPerSecond() * 1e6);
                proxies.add(proxy);
                String[] key = s.knownHostsLine().split(" ");
                lines.append("[127.0.0.1]:")
                        .append(proxy.port())
                        .append(' ')
                        .append(key[1])
                        .append(' ')
                        .append(key[2]);
                lines.append('\n');
            }
            Path knownHosts = Files.writeString(work.resolve("known_hosts_throttled"), lines);
            List<String> names =
                    proxies.stream().map(p -> "127.0.0.1:" + p.port()).toList();
            SshSettings settings = SshSettings.of("bench", names, "bench", knownHosts);
            List<Times> one = new ArrayList<>();
            List<Times> all = new ArrayList<>();
            for (int round = 0; round <= 2; round++) {
                Times t1 = measure(servers, () -> deploy(settings, host, names.subList(0, 1), artifact, work, 1, true));
                Times tn =
                        measure(servers, () -> deploy(settings, host, names, artifact, work, config.threads(), true));
                if (round > 0) {
                    one.add(t1);
                    all.add(tn);
                }
                out.println(f(
                        "%s round %d behind %.1f MB/s links: 1 host %.2f s, %d hosts at once %.2f s",
                        round == 0 ? "warm-up" : "measured",
                        round,
                        config.linkMegabytesPerSecond(),
                        t1.wall(),
                        config.hosts(),
                        tn.wall()));
            }
            out.println();
            long bytes = Files.size(artifact);
            Stats s1 = wall(one);
            Stats sn = wall(all);
            Table table = new Table(
                    "scenario",
                    "median s",
                    "min s",
                    "max s",
                    "MB/s (median)",
                    "JVM CPU s",
                    "sshd CPU s",
                    "machine CPU s");
            row(table, "1 host, " + config.linkMegabytesPerSecond() + " MB/s link", one, s1, bytes);
            row(
                    table,
                    config.hosts() + " hosts at once, " + config.linkMegabytesPerSecond() + " MB/s link each",
                    all,
                    sn,
                    bytes * config.hosts());
            out.print(table);
            out.println();
            out.println(f(
                    "Ratio %d hosts at once ÷ 1 host behind %.1f MB/s links (medians): %.2f (goal ≤ %.1f)",
                    config.hosts(), config.linkMegabytesPerSecond(), sn.median() / s1.median(), RATIO_GOAL));
            out.println();
        } finally {
            for (ThrottledProxy p : proxies) {
                p.close();
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    /** A deploy's transfer: a fresh connector, every host connected (and the artifact uploaded) by a pool. */
    private static void deploy(
            SshSettings settings,
            RecordingStepHost host,
            List<String> names,
            Path artifact,
            Path work,
            int threads,
            boolean upload)
            throws Exception {
        try (SshConnector ssh = SshConnector.create(settings, host)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (String name : names) {
                    futures.add(pool.submit(() -> {
                        HostConnection c = ssh.connect(name);
                        if (upload) {
                            Path target = work.resolve("uploads-" + name.replace(':', '-'));
                            Files.createDirectories(target);
                            c.upload(artifact, target.resolve("app.tar.gz").toString());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        if (upload) {
            long expected = Files.size(artifact);
            for (String name : names) {
                Path file = work.resolve("uploads-" + name.replace(':', '-')).resolve("app.tar.gz");
                if (Files.size(file) != expected) {
                    throw new IllegalStateException(file + " has " + Files.size(file) + " bytes, not " + expected);
                }
                Files.delete(file);
            }
        }
    }

    static Times measure(List<OpenSshServer> servers, Work work) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double sshd0 = sshdSeconds(servers);
        double busy0 = machineBusySeconds();
        long t0 = System.nanoTime();
        work.run();
        long t1 = System.nanoTime();
        // the session processes are reaped into their listener's child times as they end
        Thread.sleep(200);
        return new Times(
                (t1 - t0) / 1e9,
                (os.getProcessCpuTime() - cpu0) / 1e9,
                sshdSeconds(servers) - sshd0,
                machineBusySeconds() - busy0);
    }

    /**
     * CPU time of the sshd listeners, of their live session processes and of the ones they have reaped: utime, stime,
     * cutime and cstime of /proc/PID/stat, which count each process once; 0 where there is no /proc.
     */
    private static double sshdSeconds(List<OpenSshServer> servers) {
        long ticks = 0;
        for (OpenSshServer s : servers) {
            ticks += ticks(s.pid());
            for (ProcessHandle child :
                    ProcessHandle.of(s.pid()).map(p -> p.descendants().toList()).orElse(List.of())) {
                ticks += ticks(child.pid());
            }
        }
        return ticks / 100.0;
    }

    private static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            // fields 14-17 of stat, counted from 1; f[0] is field 3
            for (int i = 11; i <= 14; i++) {
                ticks += Long.parseLong(f[i]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU time spent by every process of the machine so far (sshd too), from /proc/stat; 0 where there is none. */
    private static double machineBusySeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal: all but idle and iowait
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static Stats wall(List<Times> times) {
        return Stats.of(times.stream().mapToDouble(Times::wall).toArray());
    }

    static void row(Table table, String name, List<Times> times, Stats s, long bytes) {
        table.row(
                name,
                f("%.2f", s.median()),
                f("%.2f", s.min()),
                f("%.2f", s.max()),
                bytes == 0 ? "-" : f("%.0f", bytes / 1e6 / s.median()),
                f("%.2f", median(times, Times::jvmCpu)),
                f("%.2f", median(times, Times::sshdCpu)),
                f("%.2f", median(times, Times::machineCpu)));
    }

    static double median(List<Times> times, java.util.function.ToDoubleFunction<Times> field) {
        return Stats.of(times.stream().mapToDouble(field).toArray()).median();
    }

    /**
     * Raw SFTP uploads of the artifact to one host with MINA SSHD directly, per cipher and write size: why {@link
     * SshConnector} prefers AES-GCM and large writes.
     */
    private static List<String> probe(OpenSshServer server, Path artifact, Path work, PrintStream out)
            throws Exception {
        record Variant(String name, BuiltinCiphers cipher, int writeSize) {}
        List<Variant> variants = List.of(
                new Variant("aes128-gcm@openssh.com, 252 KiB writes", BuiltinCiphers.aes128gcm, 252 * 1024),
                new Variant("aes128-gcm@openssh.com, 32 KiB writes", BuiltinCiphers.aes128gcm, 32 * 1024),
                new Variant("aes256-gcm@openssh.com, 252 KiB writes", BuiltinCiphers.aes256gcm, 252 * 1024),
                new Variant(
                        "chacha20-poly1305@openssh.com, 252 KiB writes", BuiltinCiphers.cc20p1305_openssh, 252 * 1024),
                new Variant("aes128-ctr + hmac-sha2-256-etm, 252 KiB writes", BuiltinCiphers.aes128ctr, 252 * 1024));
        KeyPair key;
        try (var in = Files.newInputStream(server.userKey())) {
            key = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("bench"), in, null)
                    .iterator()
                    .next();
        }
        long bytes = Files.size(artifact);
        Table table = new Table("cipher, SFTP write size", "median MB/s", "min s", "max s", "JVM CPU s", "sshd CPU s");
        List<String> rows = new ArrayList<>();
        for (Variant v : variants) {
            SshClient client = SshClient.setUpDefaultClient();
            client.setCipherFactories(List.of(v.cipher()));
            client.setMacFactories(List.of(BuiltinMacs.hmacsha256etm));
            // a throw-away server on loopback that this process started a moment ago
            client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            client.start();
            try (ClientSession session = client.connect(server.user(), "127.0.0.1", server.port())
                    .verify(Duration.ofSeconds(30))
                    .getSession()) {
                session.addPublicKeyIdentity(key);
                session.auth().verify(Duration.ofSeconds(30));
                List<Times> times = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Times t = measure(List.of(server), () -> {
                        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                                OutputStream o =
                                        sftp.write(work.resolve("probe.bin").toString(), v.writeSize())) {
                            Files.copy(artifact, o);
                        }
                    });
                    if (i > 0) {
                        times.add(t);
                    }
                }
                Stats s = wall(times);
                table.row(
                        v.name(),
                        f("%.0f", bytes / 1e6 / s.median()),
                        f("%.3f", s.min()),
                        f("%.3f", s.max()),
                        f("%.2f", median(times, Times::jvmCpu)),
                        f("%.2f", median(times, Times::sshdCpu)));
                rows.add(v.name() + ": " + f("%.0f", bytes / 1e6 / s.median()) + " MB/s");
            } finally {
                client.stop();
            }
        }
        out.println("Raw SFTP upload of the artifact to one host, per cipher (3 uploads after 1 warm-up):");
        out.println();
        out.print(table);
        out.println();
        return rows;
    }

    static List<OpenSshServer> startServers(int count, Path work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<OpenSshServer>> starting = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path dir = work.resolve("host" + i);
                starting.add(pool.submit(() -> OpenSshServer.start(dir, new OpenSshServer.Options(false, 200, 20))));
            }
            List<OpenSshServer> servers = new ArrayList<>();
            for (Future<OpenSshServer> f : starting) {
                servers.add(f.get());
            }
            // one key for every host, as a deploy user's key is
            Path pub = Path.of(servers.get(0).userKey() + ".pub");
            for (OpenSshServer s : servers.subList(1, servers.size())) {
                s.authorize(pub);
            }
            return servers;
        } finally {
            pool.shutdownNow();
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
