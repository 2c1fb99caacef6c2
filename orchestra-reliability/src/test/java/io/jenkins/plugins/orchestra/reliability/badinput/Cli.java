package io.jenkins.plugins.orchestra.reliability.badinput;

import io.jenkins.plugins.orchestra.runner.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code orchestra <args>} in this JVM through {@link Main#run}, with what it printed and a time limit. */
final class Cli {
    private static final ExecutorService RUNNERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "badinput-orchestra");
        t.setDaemon(true);
        return t;
    });

    /**
     * What one command did.
     *
     * @param exit the exit code; -1 if it did not end in time, -2 if {@link Main#run} threw
     */
    record Outcome(int exit, String out, String err) {
        boolean hung() {
            return exit == -1;
        }

        String printed() {
            return out + err;
        }

        /** The lines printed to standard error, without blank ones. */
        List<String> errorLines() {
            List<String> lines = new ArrayList<>();
            for (String l : err.split("\n")) {
                if (!l.isBlank()) {
                    lines.add(l);
                }
            }
            return lines;
        }

        /** The lines that say ERROR (a failed step), from the run's output. */
        List<String> errorLinesOfTheRun() {
            List<String> lines = new ArrayList<>();
            for (String l : out.split("\n")) {
                if (l.startsWith("ERROR: ") || l.startsWith("orchestra: ")) {
                    lines.add(l);
                }
            }
            lines.addAll(errorLines());
            return lines;
        }
    }

    private Cli() {}

    static Outcome run(Duration timeout, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        Future<Integer> f = RUNNERS.submit(() -> Main.run(args, o, e));
        int exit;
        try {
            exit = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException x) {
            f.cancel(true);
            exit = -1;
        } catch (ExecutionException x) {
            x.getCause().printStackTrace(e);
            exit = -2;
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(x);
        }
        synchronized (out) {
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }
}
