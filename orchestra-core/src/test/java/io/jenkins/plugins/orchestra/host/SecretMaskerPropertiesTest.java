package io.jenkins.plugins.orchestra.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random secrets and texts made of the same few letters, so that secrets overlap, contain each other and are
 * cut in every place; a failing seed reproduces its case. No letter is {@code *}, which the mask itself is made of.
 */
class SecretMaskerPropertiesTest {
    private static final String[] LETTERS = {
        "a", "b", "c", "a", "b", "0", " ", "\n", "'", "\"", "\\", "%", "+", "/", "=", "é", "€", "𝄞"
    };

    static LongStream seeds() {
        return LongStream.range(0, 1000);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void noSecretComesOutOfTheMasker(long seed) throws IOException {
        Random random = new Random(seed);
        List<String> secrets = new ArrayList<>();
        SecretMasker masker = new SecretMasker();
        for (int i = 1 + random.nextInt(5); i > 0; i--) {
            String secret = word(random, 1 + random.nextInt(10));
            secrets.add(secret);
            masker.add(Secret.of(secret));
        }
        String text = text(random, secrets);

        String masked = masker.mask(text);
        for (String secret : secrets) {
            assertThat(masked).as("seed %d, secret %s", seed, secret).doesNotContain(secret);
        }
        assertThat(streamed(random, masker, text)).as("seed %d", seed).isEqualTo(masked);
    }

    /** Random pieces: letters, whole secrets, and secrets cut short. */
    private static String text(Random random, List<String> secrets) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(30); i > 0; i--) {
            String secret = secrets.get(random.nextInt(secrets.size()));
            switch (random.nextInt(3)) {
                case 0 -> text.append(secret);
                case 1 ->
                    text.append(
                            secret,
                            0,
                            secret.offsetByCodePoints(
                                    0, random.nextInt(secret.codePointCount(0, secret.length()) + 1)));
                default -> text.append(word(random, random.nextInt(6)));
            }
        }
        return text.toString();
    }

    private static String word(Random random, int length) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < length; i++) {
            word.append(LETTERS[random.nextInt(LETTERS.length)]);
        }
        return word.toString();
    }

    /** The text through a masking stream in random pieces, single bytes and flushes. */
    private static String streamed(Random random, SecretMasker masker, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream stream = new MaskingOutputStream(sink, masker, StandardCharsets.UTF_8)) {
            int at = 0;
            while (at < bytes.length) {
                switch (random.nextInt(4)) {
                    case 0 -> stream.write(bytes[at++]);
                    case 1 -> stream.flush();
                    default -> {
                        int n = Math.min(bytes.length - at, random.nextInt(12));
                        stream.write(bytes, at, n);
                        at += n;
                    }
                }
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }
}
