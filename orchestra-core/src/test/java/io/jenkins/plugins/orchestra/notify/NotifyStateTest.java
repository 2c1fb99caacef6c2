package io.jenkins.plugins.orchestra.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyStateTest {
    @TempDir
    Path dir;

    @Test
    void whatWasSentAndWhatChannelsKeepOutlivesTheObjectsThatWroteIt() {
        NotifyState before = NotifyState.in(dir);
        before.markSent("shop#7 ops a", Instant.parse("2026-11-23T10:00:00Z"));
        before.memory("releases").put(Map.of("ts", "1.2", "channel", "C1"));

        NotifyState after = NotifyState.in(dir);

        assertThat(after.wasSent("shop#7 ops a")).isTrue();
        assertThat(after.wasSent("shop#7 ops b")).isFalse();
        assertThat(after.memory("releases").get()).isEqualTo(Map.of("ts", "1.2", "channel", "C1"));
        assertThat(after.memory("other").get()).isEmpty();
        assertThat(dir.resolve(NotifyState.FILE_NAME)).exists();
        assertThat(dir.resolve(NotifyState.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void twoThreadsSendingTheSameMessageSendItOnce() throws Exception {
        AtomicInteger sent = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> all = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                all.add(pool.submit(() -> {
                    NotifyState state = NotifyState.in(dir);
                    try (NotifyState.Lock lock = state.lock("k")) {
                        if (!state.wasSent("k")) {
                            sent.incrementAndGet();
                            state.markSent("k", Instant.now());
                        }
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sent).hasValue(1);
        assertThat(Files.readString(dir.resolve(NotifyState.FILE_NAME))).contains("\"k\"");
    }
}
