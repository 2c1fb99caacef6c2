package io.jenkins.plugins.orchestra.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits instead of waiting, so retries take no time in tests. */
public final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }

    public synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
