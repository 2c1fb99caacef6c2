package io.jenkins.plugins.orchestra.deploy.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pid line a remote command prints first, as it arrives in pieces, late, or not at all. */
@Timeout(30)
class ShellPidTest {
    @Test
    void waitsForAPidLineThatArrivesAfterTheCommandIsAlreadyBeingStopped() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ShellPid pid = new ShellPid(err);
        pid.write("orchestra-pid:".getBytes(StandardCharsets.UTF_8));
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(300);
                pid.write("4242\nwarning: something\n".getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        late.start();
        assertThat(pid.value()).isEmpty();
        assertThat(pid.await(Duration.ofSeconds(10), () -> false)).contains(4242L);
        late.join();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("warning: something\n");
    }

    @Test
    void stopsWaitingWhenTheFirstLineIsNotOursOrTheCommandEnded() throws Exception {
        ShellPid other = new ShellPid(new ByteArrayOutputStream());
        other.write("csh: printf: not found\n".getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        assertThat(other.await(Duration.ofSeconds(10), () -> false)).isEmpty();
        ShellPid silent = new ShellPid(new ByteArrayOutputStream());
        assertThat(silent.await(Duration.ofSeconds(10), () -> true)).isEqualTo(Optional.empty());
        assertThat(silent.await(Duration.ofMillis(100), () -> false)).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
