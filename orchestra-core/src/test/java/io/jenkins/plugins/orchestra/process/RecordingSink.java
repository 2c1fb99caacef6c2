package io.jenkins.plugins.orchestra.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Keeps every line it is given, and tells when the script printed {@code ready}. */
final class RecordingSink implements OutputSink {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    @Override
    public void line(String line) {
        lines.add(line);
        if (line.equals("ready")) {
            ready.countDown();
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines the script printed, without the {@code + } lines of {@code -x} and the runner's own notices. */
    List<String> output() {
        return lines.stream()
                .filter(l -> !l.startsWith("+ ") && !l.contains("sending SIG"))
                .toList();
    }

    void awaitReady() throws InterruptedException {
        assertThat(ready.await(10, TimeUnit.SECONDS))
                .as("the script printed 'ready'")
                .isTrue();
    }
}
