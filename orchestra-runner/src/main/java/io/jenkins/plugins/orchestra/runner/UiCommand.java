package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.runner.ui.DashboardApi;
import io.jenkins.plugins.orchestra.runner.ui.DashboardServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code orchestra ui}: the dashboard of a workspace's runs, past and running, until stopped. */
@Command(
        name = "ui",
        mixinStandardHelpOptions = true,
        description = "Serve the dashboard of a workspace's runs on 127.0.0.1 until stopped (Ctrl-C): past runs, and"
                + " runs going on in other shells.")
final class UiCommand implements Callable<Integer> {
    static final int DEFAULT_PORT = 7300;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--workspace",
            description = "The workspace: the directory of the Jenkinsfile, which holds .orchestra/runs"
                    + " (default: the current directory).",
            defaultValue = ".")
    Path workspace;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "The port on 127.0.0.1 (default: ${DEFAULT-VALUE}, or a free one if it is taken).",
            defaultValue = "" + DEFAULT_PORT)
    int port;

    @Override
    public Integer call() throws IOException, InterruptedException {
        DashboardServer server = start(workspace, port);
        spec.commandLine()
                .getOut()
                .println("Dashboard of " + workspace.toAbsolutePath().normalize() + ": " + server.url()
                        + " (Ctrl-C to stop)");
        spec.commandLine().getOut().flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "orchestra-ui-stop"));
        new CountDownLatch(1).await();
        return Main.OK;
    }

    /** Serves the dashboard of {@code workspace}; the default port, if taken, gives way to a free one. */
    static DashboardServer start(Path workspace, int port) throws IOException {
        DashboardApi api = new DashboardApi(workspace);
        try {
            return DashboardServer.start(api, port);
        } catch (BindException e) {
            if (port != DEFAULT_PORT) {
                throw e;
            }
            return DashboardServer.start(api, 0);
        }
    }
}
