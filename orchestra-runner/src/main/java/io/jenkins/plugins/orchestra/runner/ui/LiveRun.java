package io.jenkins.plugins.orchestra.runner.ui;

import io.jenkins.plugins.orchestra.view.RunViewFold;
import io.jenkins.plugins.orchestra.view.RunViewJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The run this process runs: its fold, and its {@code view.json}, written at most once a second while it changes and
 * once more when it ends, so that {@code orchestra ui} shows it later, or from another process while it runs.
 */
public final class LiveRun {
    static final String VIEW_FILE = "view.json";
    private static final System.Logger LOG = System.getLogger(LiveRun.class.getName());

    private final int number;
    private final Path directory;
    private final RunViewFold fold;
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final ScheduledExecutorService writer;
    private final ScheduledFuture<?> writes;

    public LiveRun(int number, Path directory, RunViewFold fold) {
        this.number = number;
        this.directory = directory;
        this.fold = fold;
        this.writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "orchestra-view-" + number);
            t.setDaemon(true);
            return t;
        });
        fold.addListener(v -> dirty.set(true));
        this.writes = writer.scheduleWithFixedDelay(this::writeIfChanged, 1, 1, TimeUnit.SECONDS);
    }

    public int number() {
        return number;
    }

    public Path directory() {
        return directory;
    }

    public RunViewFold fold() {
        return fold;
    }

    /** The run's view now, as JSON. */
    public byte[] json() {
        return fold.toJson();
    }

    /** What changed since {@code version}, as JSON, and the version it brings the page to. */
    public java.util.Map.Entry<Long, byte[]> changesSince(long version) {
        io.jenkins.plugins.orchestra.view.RunView.Delta delta = fold.changesSince(version);
        return java.util.Map.entry(delta.run().version(), RunViewJson.toBytes(delta));
    }

    public boolean running() {
        return "RUNNING".equals(fold.status());
    }

    /** The run ended: writes its view a last time. */
    public void finish() {
        writes.cancel(false);
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        write();
    }

    private void writeIfChanged() {
        if (dirty.getAndSet(false)) {
            write();
        }
    }

    private synchronized void write() {
        try {
            Path temp = Files.createTempFile(directory, ".view", ".tmp");
            Files.write(temp, json());
            Files.move(
                    temp,
                    directory.resolve(VIEW_FILE),
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not write the view of run " + number, e);
        }
    }
}
