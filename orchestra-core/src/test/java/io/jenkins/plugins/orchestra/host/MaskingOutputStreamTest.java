package io.jenkins.plugins.orchestra.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaskingOutputStreamTest {
    private final SecretMasker masker = new SecretMasker();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private MaskingOutputStream stream;

    @BeforeEach
    void knowASecret() {
        masker.add(Secret.of("hunter2"));
        stream = new MaskingOutputStream(sink, masker, StandardCharsets.UTF_8);
    }

    private void write(String text) throws IOException {
        stream.write(text.getBytes(StandardCharsets.UTF_8));
    }

    private String passed() {
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void masksASecretCutInTwoByTheWrites() throws IOException {
        write("password: hun");
        write("ter2\n");

        assertThat(passed()).isEqualTo("password: ****\n");
    }

    @Test
    void passesOrdinaryOutputOnAtOnce() throws IOException {
        write("step 1 of 3\n");
        write("compiling");

        assertThat(passed()).isEqualTo("step 1 of 3\ncompiling");
    }

    @Test
    void holdsBackOnlyWhatMayBeTheStartOfASecret() throws IOException {
        write("hello hunt");
        assertThat(passed()).isEqualTo("hello ");

        write("ing season\n");
        assertThat(passed()).isEqualTo("hello hunting season\n");
    }

    @Test
    void flushKeepsHoldingThePossibleStartOfASecret() throws IOException {
        PrintStream printer = new PrintStream(stream, true, StandardCharsets.UTF_8);
        printer.print("token: hunt");
        printer.flush();
        assertThat(passed()).isEqualTo("token: ");

        printer.print("er2");
        assertThat(passed()).isEqualTo("token: ****");
    }

    @Test
    void closePassesOnWhatItHeldBack() throws IOException {
        write("ends with hunt");
        stream.close();

        assertThat(passed()).isEqualTo("ends with hunt");
    }

    @Test
    void masksSecretsWrittenOneByteAtATime() throws IOException {
        for (byte b : "a hunter2 b\n".getBytes(StandardCharsets.UTF_8)) {
            stream.write(b);
        }
        stream.flush();

        assertThat(passed()).isEqualTo("a **** b\n");
    }

    @Test
    void masksASecretWhoseCharactersAreCutInsideTheirBytes() throws IOException {
        masker.add(Secret.of("pässwörd€"));
        byte[] bytes = "[pässwörd€]".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            stream.write(bytes, i, 1);
        }
        stream.close();

        assertThat(passed()).isEqualTo("[****]");
    }

    @Test
    void masksAPrivateKeyWrittenLineByLine() throws IOException {
        String key = "-----BEGIN KEY-----\nAAAA\nBBBB\n-----END KEY-----\n";
        masker.add(Secret.of(key));
        for (String line : key.split("(?<=\n)")) {
            write(line);
        }
        write("done\n");

        assertThat(passed()).isEqualTo("****done\n");
    }

    @Test
    void masksASecretAddedAfterTheStreamWasOpened() throws IOException {
        masker.add(Secret.of("late-token"));
        write("late-token\n");

        assertThat(passed()).isEqualTo("****\n");
    }

    @Test
    void refusesACharsetThatDoesNotWriteAsciiAsAscii() {
        assertThatThrownBy(() -> new MaskingOutputStream(sink, masker, StandardCharsets.UTF_16))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("charset must write ASCII as ASCII, as UTF-8 and ISO-8859-1 do; was UTF-16");
    }

    @Test
    void refusesWritesAfterClose() throws IOException {
        stream.close();

        assertThatThrownBy(() -> write("x")).isInstanceOf(IOException.class).hasMessage("stream closed");
    }
}
