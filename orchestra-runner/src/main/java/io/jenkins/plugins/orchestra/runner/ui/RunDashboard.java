package io.jenkins.plugins.orchestra.runner.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The dashboard of one {@code orchestra run}: started on a background thread once the run is under way (its first
 * stage, or a second after it began), so that it does not compete with the run's start for the processor; it prints
 * its address when it listens, and stops when the run has ended and its pages heard so.
 */
public final class RunDashboard implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RunDashboard.class.getName());

    private final LiveRun run;
    private final Thread starter;
    private final java.util.concurrent.CountDownLatch underWay = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean closed;
    private volatile DashboardServer server;

    private RunDashboard(Path workspace, LiveRun run, int port, PrintStream out) {
        this.run = run;
        java.util.function.LongConsumer first = v -> underWay.countDown();
        run.fold().addListener(first);
        this.starter = new Thread(
                () -> {
                    try {
                        underWay.await(1, java.util.concurrent.TimeUnit.SECONDS);
                        run.fold().removeListener(first);
                        if (closed) {
                            return; // the run ended first: nothing to serve
                        }
                        DashboardServer s = DashboardServer.start(new DashboardApi(workspace), port);
                        s.follow(run);
                        server = s;
                        out.println("Dashboard: " + s.url() + "runs/" + run.number());
                    } catch (IOException e) {
                        out.println("orchestra: no dashboard: port " + port + " on 127.0.0.1: " + e.getMessage());
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "the dashboard did not start", e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "orchestra-dashboard-start");
        starter.setDaemon(true);
    }

    /** @param port 0 for any free port */
    public static RunDashboard start(Path workspace, LiveRun run, int port, PrintStream out) {
        RunDashboard d = new RunDashboard(workspace, run, port, out);
        d.starter.start();
        return d;
    }

    /** The server, once it listens (for tests). */
    public java.util.Optional<DashboardServer> server() {
        return java.util.Optional.ofNullable(server);
    }

    @Override
    public void close() {
        closed = true;
        underWay.countDown();
        try {
            starter.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        DashboardServer s = server;
        if (s != null) {
            s.ended(run);
            s.close();
        }
    }
}
