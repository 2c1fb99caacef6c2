package io.jenkins.plugins.orchestra.bench;

import static io.jenkins.plugins.orchestra.bench.DeployTransferBench.RATIO_GOAL;
import static io.jenkins.plugins.orchestra.bench.DeployTransferBench.measure;
import static io.jenkins.plugins.orchestra.bench.DeployTransferBench.wall;
import static io.jenkins.plugins.orchestra.bench.Table.f;

import io.jenkins.plugins.orchestra.bench.DeployTransferBench.Times;
import io.jenkins.plugins.orchestra.deploy.DeployApproval;
import io.jenkins.plugins.orchestra.deploy.DeployResult;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.Deployer;
import io.jenkins.plugins.orchestra.deploy.HostOutcome;
import io.jenkins.plugins.orchestra.deploy.HostResult;
import io.jenkins.plugins.orchestra.deploy.TargetKinds;
import io.jenkins.plugins.orchestra.host.Secret;
import io.jenkins.plugins.orchestra.host.SshUserPrivateKeyCredential;
import io.jenkins.plugins.orchestra.testing.OpenSshServer;
import io.jenkins.plugins.orchestra.testing.RecordingStepHost;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Whole deploys with the real {@link Deployer}, as the {@code deploy} step runs it: a {@code .tar.gz} to an {@code ssh}
 * target of one host, to a target of many hosts with {@code strategy: 'all'}, and to the same hosts one after another
 * ({@code strategy: 'rolling', batch: 1}, as publish-over-ssh goes host by host). Each host is a real OpenSSH server on
 * loopback with a base directory of its own; every deploy is a new version, so each one uploads, verifies, unpacks,
 * switches {@code current}, writes the release log, prunes and unlocks on every host. Then the same three behind a
 * {@link ThrottledProxy} per host, each host's own network link. Printed as Markdown tables for docs/benchmarks.md.
 *
 * <pre>
 * java -cp 'orchestra-bench/target/orchestra-bench-0.1.0-SNAPSHOT.jar:orchestra-bench/target/lib/*' \
 *     io.jenkins.plugins.orchestra.bench.DeployBench [--quick] [--hosts N] [--mb N] [--rounds N] \
 *     [--link-mbps N] [--link-rounds N] [--link-sequential-rounds N]
 * </pre>
 */
public final class DeployBench {
    private static final String[] HEADERS = {
        "scenario", "median s", "min s", "max s", "MB/s (median)", "JVM CPU s", "sshd CPU s", "machine CPU s"
    };

    /**
     * Sizes of a run.
     *
     * @param hosts how many sshd stand for hosts
     * @param megabytes the size of the file in the artifact (random bytes: the {@code .tar.gz} is as large)
     * @param rounds measured rounds on loopback, after one warm-up round
     * @param linkMegabytesPerSecond if positive, the rate of each host's link in the throttled rounds
     * @param linkRounds measured rounds of 1 host and all hosts at once behind the links (no warm-up: the loopback
     *     rounds warmed up the JVM)
     * @param linkSequentialRounds measured rounds of the hosts one after another behind the links (each takes hosts ×
     *     the time of one)
     */
    public record Config(
            int hosts,
            int megabytes,
            int rounds,
            double linkMegabytesPerSecond,
            int linkRounds,
            int linkSequentialRounds) {
        public static Config full() {
            return new Config(50, 20, 3, 2, 2, 1);
        }

        public static Config quick() {
            return new Config(3, 1, 1, 4, 1, 1);
        }
    }

    /**
     * Wall times in seconds over the measured rounds, on loopback and behind the links (null without links).
     *
     * @param ratio all hosts at once ÷ 1 host, medians
     * @param sequentialRatio one after another ÷ all at once, medians
     */
    public record Report(
            Stats one,
            Stats all,
            Stats sequential,
            double ratio,
            double sequentialRatio,
            Stats linkOne,
            Stats linkAll,
            Stats linkSequential,
            double linkRatio,
            double linkSequentialRatio) {}

    private DeployBench() {}

    public static void main(String[] args) throws Exception {
        Config c = Config.full();
        int hosts = c.hosts();
        int megabytes = c.megabytes();
        int rounds = c.rounds();
        double link = c.linkMegabytesPerSecond();
        int linkRounds = c.linkRounds();
        int linkSequential = c.linkSequentialRounds();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    Config q = Config.quick();
                    hosts = q.hosts();
                    megabytes = q.megabytes();
                    rounds = q.rounds();
                    link = q.linkMegabytesPerSecond();
                    linkRounds = q.linkRounds();
                    linkSequential = q.linkSequentialRounds();
                }
                case "--hosts" -> hosts = Integer.parseInt(args[++i]);
                case "--mb" -> megabytes = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--link-mbps" -> link = Double.parseDouble(args[++i]);
                case "--link-rounds" -> linkRounds = Integer.parseInt(args[++i]);
                case "--link-sequential-rounds" -> linkSequential = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path work = Files.createTempDirectory("deploy-bench");
        try {
            run(new Config(hosts, megabytes, rounds, link, linkRounds, linkSequential), work, System.out);
        } finally {
            DeployTransferBench.deleteTree(work);
        }
    }

    public static Report run(Config config, Path work, PrintStream out) throws Exception {
        if (!OpenSshServer.isAvailable()) {
            throw new IllegalStateException("needs /usr/sbin/sshd and ssh-keygen (Debian: openssh-server)");
        }
        out.println("# Deploy: " + config.hosts() + " hosts, " + config.megabytes() + " MB .tar.gz, "
                + config.rounds() + " measured rounds on loopback"
                + (config.linkMegabytesPerSecond() > 0
                        ? ", " + config.linkRounds() + " (" + config.linkSequentialRounds() + " one after another)"
                                + " behind " + config.linkMegabytesPerSecond() + " MB/s links"
                        : ""));
        out.println();
        long started = System.nanoTime();
        List<OpenSshServer> servers = DeployTransferBench.startServers(config.hosts(), work);
        List<ThrottledProxy> proxies = new ArrayList<>();
        try {
            Path ws = Files.createDirectories(work.resolve("workspace"));
            Path artifact = artifact(ws, config.megabytes());
            long bytes = Files.size(artifact);
            out.println(f(
                    "artifact: %s, %.1f MB; %d sshd started in %.1f s",
                    artifact.getFileName(), bytes / 1e6, servers.size(), (System.nanoTime() - started) / 1e9));
            out.println();

            List<String> names = new ArrayList<>();
            StringBuilder known = new StringBuilder();
            for (OpenSshServer s : servers) {
                names.add("127.0.0.1:" + s.port());
                known.append(s.knownHostsLine()).append('\n');
            }
            Fleet loopback = new Fleet(names, Files.writeString(work.resolve("known_hosts"), known), work);

            Bench bench = new Bench(servers, ws, artifact, bytes, config.hosts(), out);
            Stats[] plain = bench.rounds(loopback, config.rounds(), config.rounds(), true, "on loopback");
            Report report;
            if (config.linkMegabytesPerSecond() > 0) {
                List<String> linked = new ArrayList<>();
                StringBuilder linkedKnown = new StringBuilder();
                for (OpenSshServer s : servers) {
                    ThrottledProxy proxy = new ThrottledProxy(s.port(), config.linkMegabytesPerSecond() * 1e6);
                    proxies.add(proxy);
                    String[] key = s.knownHostsLine().split(" ");
                    linked.add("127.0.0.1:" + proxy.port());
                    linkedKnown
                            .append("[127.0.0.1]:")
                            .append(proxy.port())
                            .append(' ')
                            .append(key[1])
                            .append(' ')
                            .append(key[2])
                            .append('\n');
                }
                Fleet throttled =
                        new Fleet(linked, Files.writeString(work.resolve("known_hosts_linked"), linkedKnown), work);
                String where = f("behind a %.1f MB/s link per host", config.linkMegabytesPerSecond());
                Stats[] link =
                        bench.rounds(throttled, config.linkRounds(), config.linkSequentialRounds(), false, where);
                report = new Report(
                        plain[0],
                        plain[1],
                        plain[2],
                        plain[1].median() / plain[0].median(),
                        plain[2].median() / plain[1].median(),
                        link[0],
                        link[1],
                        link[2],
                        link[1].median() / link[0].median(),
                        link[2].median() / link[1].median());
            } else {
                report = new Report(
                        plain[0],
                        plain[1],
                        plain[2],
                        plain[1].median() / plain[0].median(),
                        plain[2].median() / plain[1].median(),
                        null,
                        null,
                        null,
                        0,
                        0);
            }
            out.println(f("Whole run: %.0f s", (System.nanoTime() - started) / 1e9));
            return report;
        } finally {
            for (ThrottledProxy p : proxies) {
                p.close();
            }
            for (OpenSshServer s : servers) {
                s.close();
            }
        }
    }

    /** A {@code .tar.gz} of one file of random bytes, which gzip cannot shrink: as large as the file. */
    private static Path artifact(Path ws, int megabytes) throws Exception {
        Path content = Files.createDirectories(ws.resolve("build"));
        byte[] data = new byte[megabytes * 1024 * 1024];
        new Random(20261207).nextBytes(data);
        Files.write(content.resolve("app.bin"), data);
        Process tar = new ProcessBuilder("tar", "czf", "app.tar.gz", "-C", "build", "app.bin")
                .directory(ws.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed: " + output);
        }
        return ws.resolve("app.tar.gz");
    }

    /** The hosts as a target names them, known_hosts for them, and the base directory of each. */
    private record Fleet(List<String> names, Path knownHosts, Path work) {
        Map<String, Object> target(int count) {
            Map<String, Object> bases = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                // the same base for host i behind a link or not: the proxy is only the way to it
                bases.put(names.get(i), work.resolve("host" + i).resolve("srv").toString());
            }
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("kind", "ssh");
            t.put("hosts", List.copyOf(names.subList(0, count)));
            t.put("bases", bases);
            t.put("credentialsId", "deploy-key");
            t.put("knownHosts", knownHosts.toString());
            t.put("connectTimeout", "30s");
            return t;
        }

        Path base(int i) {
            return work.resolve("host" + i).resolve("srv");
        }
    }

    private static final class Bench {
        private final List<OpenSshServer> servers;
        private final Path ws;
        private final Path artifact;
        private final long bytes;
        private final long content;
        private final int hosts;
        private final PrintStream out;
        private final Deployer deployer = new Deployer(TargetKinds.defaults());
        private int versions;

        Bench(List<OpenSshServer> servers, Path ws, Path artifact, long bytes, int hosts, PrintStream out)
                throws java.io.IOException {
            this.servers = servers;
            this.ws = ws;
            this.artifact = artifact;
            this.bytes = bytes;
            this.content = Files.size(ws.resolve("build/app.bin"));
            this.hosts = hosts;
            this.out = out;
        }

        /**
         * Rounds taking turns: 1 host, all at once, one after another (the last only in the first {@code sequential}
         * rounds); the tables and ratios of the measured rounds. Returns the wall times of the three.
         */
        Stats[] rounds(Fleet fleet, int rounds, int sequential, boolean warmUp, String where) throws Exception {
            List<Times> one = new ArrayList<>();
            List<Times> all = new ArrayList<>();
            List<Times> seq = new ArrayList<>();
            for (int round = warmUp ? 0 : 1; round <= rounds; round++) {
                boolean measured = round > 0;
                Times t1 = deploy(fleet, 1, "all");
                Times tn = deploy(fleet, hosts, "all");
                Times ts = measured && round > sequential ? null : deploy(fleet, hosts, "rolling");
                if (measured) {
                    one.add(t1);
                    all.add(tn);
                    if (ts != null) {
                        seq.add(ts);
                    }
                }
                out.println(f(
                        "%s round %d %s: 1 host %.2f s, %d hosts at once %.2f s, one after another %s",
                        measured ? "measured" : "warm-up",
                        round,
                        where,
                        t1.wall(),
                        hosts,
                        tn.wall(),
                        ts == null ? "not run" : f("%.2f s", ts.wall())));
            }
            out.println();
            Stats s1 = wall(one);
            Stats sn = wall(all);
            Stats ss = wall(seq);
            Table table = new Table(HEADERS);
            DeployTransferBench.row(table, "1 host, strategy all", one, s1, bytes);
            DeployTransferBench.row(table, hosts + " hosts, strategy all", all, sn, bytes * hosts);
            DeployTransferBench.row(
                    table, hosts + " hosts, rolling batch 1 (one after another)", seq, ss, bytes * hosts);
            out.print(table);
            out.println();
            out.println(f(
                    "Ratio %d hosts at once ÷ 1 host %s (medians): %.2f (goal ≤ %.1f); one after another ÷ at once:"
                            + " %.2f",
                    hosts, where, sn.median() / s1.median(), RATIO_GOAL, ss.median() / sn.median()));
            out.println();
            return new Stats[] {s1, sn, ss};
        }

        /** One deploy of a new version to the first {@code count} hosts, checked on every host afterwards. */
        private Times deploy(Fleet fleet, int count, String strategy) throws Exception {
            String version = "v" + (++versions);
            RecordingStepHost host = new RecordingStepHost(ws)
                    .target("bench", fleet.target(count))
                    .credential(new SshUserPrivateKeyCredential(
                            "deploy-key",
                            servers.get(0).user(),
                            Secret.of(Files.readString(servers.get(0).userKey())),
                            Optional.empty()));
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("target", "bench");
            args.put("artifact", "app.tar.gz");
            args.put("version", version);
            args.put("strategy", strategy);
            if (strategy.equals("rolling")) {
                args.put("batch", 1);
            }
            // the live release and the one before it stay; fewer copies of 20 MB on disk than the default 5
            args.put("keep", 2);
            DeploySpec spec = DeploySpec.parse(args);
            DeployResult[] result = new DeployResult[1];
            Times t = measure(
                    servers, () -> result[0] = deployer.deploy(spec, host, DeployApproval.refuseAll("the bench")));
            DeployResult r = result[0];
            if (!r.succeeded() || r.hosts().size() != count) {
                throw new IllegalStateException("deploy " + version + " failed:\n" + host.log());
            }
            for (int i = 0; i < count; i++) {
                HostResult h = r.hosts().get(i);
                Path current = fleet.base(i).resolve("current");
                if (h.outcome() != HostOutcome.DEPLOYED
                        || !Files.readSymbolicLink(current).toString().endsWith("/" + version)
                        || Files.size(current.resolve("app.bin")) != content) {
                    throw new IllegalStateException(
                            h.host() + " does not serve " + version + " after the deploy: " + h + "\n" + host.log());
                }
            }
            return t;
        }
    }
}
