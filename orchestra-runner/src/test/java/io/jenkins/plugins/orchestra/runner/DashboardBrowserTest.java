package io.jenkins.plugins.orchestra.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jenkins.plugins.orchestra.runner.ui.DashboardServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser: Debian's Chromium, driven by Playwright ({@code orchestra-dashboard/e2e}), against
 * this runner running the real examples: {@code examples/approval} live (approved in the page), {@code
 * examples/diamond}, {@code examples/delivery} (failing, with an empty TARGET_DIR), {@code examples/deploy-local}
 * (deployed twice) and {@code examples/notify} through {@code orchestra ui}; and a stage whose log grows while the page
 * watches ({@code ui/growing-log.jenkinsfile}). Skipped when Chromium, node or the dashboard's node_modules are
 * missing; CI installs Chromium.
 */
class DashboardBrowserTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DASHBOARD = ROOT.resolve("orchestra-dashboard");
    private static final Pattern URL = Pattern.compile("Dashboard: (http://127\\.0\\.0\\.1:\\d+/runs/\\d+)");

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void dashboardShowsRealRunsAndTakesAnApprovalInChromium(@TempDir Path tmp) throws Exception {
        String chromium = System.getenv().getOrDefault("ORCHESTRA_CHROMIUM", "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(Path.of(chromium)), "no Chromium at " + chromium + " (apt-get install chromium)");
        assumeTrue(
                Files.isDirectory(DASHBOARD.resolve("node_modules/playwright-core")),
                "no playwright-core: run npm ci in orchestra-dashboard (mvn verify does)");
        assumeTrue(nodeWorks(), "no node on the PATH");

        Path diamond = copy("diamond", tmp);
        Path delivery = copy("delivery", tmp);
        Path approval = copy("approval", tmp);
        Path deploy = copy("deploy-local", tmp);
        Path notify = copy("notify", tmp);
        assertThat(run("run", diamond.resolve("Jenkinsfile").toString(), "--no-ui"))
                .isEqualTo(Main.OK);
        assertThat(run("run", delivery.resolve("Jenkinsfile").toString(), "--no-ui", "--param", "TARGET_DIR="))
                .isEqualTo(Main.FAILED);
        for (int i = 0; i < 2; i++) { // the second deploy replaces the first's release on each host
            assertThat(run("run", deploy.resolve("Jenkinsfile").toString(), "--no-ui"))
                    .isEqualTo(Main.OK);
        }
        assertThat(run("run", notify.resolve("Jenkinsfile").toString(), "--no-ui"))
                .isEqualTo(Main.OK);

        Path growing = Files.createDirectories(tmp.resolve("growing-log"));
        try (java.io.InputStream in = getClass().getResourceAsStream("/ui/growing-log.jenkinsfile")) {
            Files.write(growing.resolve("Jenkinsfile"), in.readAllBytes());
        }
        Path stop = growing.resolve("stop");
        BlockingQueue<String> growingLines = new LinkedBlockingQueue<>();
        PrintStream growingOut = new PrintStream(new LineStream(growingLines), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> growingRun = CompletableFuture.supplyAsync(() -> Main.run(
                new String[] {"run", growing.resolve("Jenkinsfile").toString(), "--port", "0"},
                growingOut,
                growingOut));
        String growingUrl = awaitUrl(growingLines, growingRun);

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        PrintStream out = new PrintStream(new LineStream(lines), true, StandardCharsets.UTF_8);
        CompletableFuture<Integer> live = CompletableFuture.supplyAsync(() ->
                Main.run(new String[] {"run", approval.resolve("Jenkinsfile").toString(), "--port", "0"}, out, out));
        String approvalUrl = awaitUrl(lines, live);

        try (DashboardServer approvalUi = UiCommand.start(approval, 0);
                DashboardServer diamondUi = UiCommand.start(diamond, 0);
                DashboardServer deliveryUi = UiCommand.start(delivery, 0);
                DashboardServer deployUi = UiCommand.start(deploy, 0);
                DashboardServer notifyUi = UiCommand.start(notify, 0)) {
            String screenshots = System.getenv("ORCHESTRA_SCREENSHOTS") != null
                    ? ROOT.resolve(System.getenv("ORCHESTRA_SCREENSHOTS")).toString()
                    : Path.of("target/e2e-screenshots").toAbsolutePath().toString();
            String config = "{\"approval\": \"" + approvalUrl + "\", \"approvalUi\": \"" + approvalUi.url()
                    + "runs/1\", \"diamond\": \"" + diamondUi.url() + "runs/1\", \"delivery\": \"" + deliveryUi.url()
                    + "runs/1\", \"deploy\": \"" + deployUi.url() + "runs/2\", \"notify\": \"" + notifyUi.url()
                    + "runs/1\", \"liveLog\": \"" + growingUrl + "\", \"liveLogStop\": \""
                    + stop.toString().replace("\\", "/") + "\", \"screenshots\": \"" + screenshots.replace("\\", "/")
                    + "\"}";
            ProcessBuilder node = new ProcessBuilder("node", "e2e/dashboard.e2e.mjs", config)
                    .directory(DASHBOARD.toFile())
                    .redirectErrorStream(true);
            Process p = node.start();
            String output;
            try {
                output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            System.out.println(output);
            assertThat(output).contains(" 0 failed");
            assertThat(p.exitValue()).as(output).isZero();
        } finally {
            if (!Files.exists(stop)) {
                Files.writeString(stop, "stop\n");
            }
        }
        assertThat(growingRun.get(60, TimeUnit.SECONDS))
                .as("the run whose log grew")
                .isEqualTo(Main.OK);
        assertThat(live.get(60, TimeUnit.SECONDS)).as("the approved run").isEqualTo(Main.OK);
    }

    private static int run(String... args) {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        return Main.run(args, quiet, quiet);
    }

    private static String awaitUrl(BlockingQueue<String> lines, CompletableFuture<Integer> run)
            throws InterruptedException {
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
            if (run.isDone()) {
                break;
            }
        }
        throw new AssertionError("the run printed no dashboard address:\n" + seen);
    }

    private static Path copy(String example, Path tmp) throws IOException {
        Path from = ROOT.resolve("examples").resolve(example);
        Path to = tmp.resolve(example);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f :
                    files.filter(f -> !f.toString().contains(".orchestra")).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands each line printed to a queue. */
    private static final class LineStream extends OutputStream {
        private final BlockingQueue<String> lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineStream(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(line.toString(StandardCharsets.UTF_8));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }
}
