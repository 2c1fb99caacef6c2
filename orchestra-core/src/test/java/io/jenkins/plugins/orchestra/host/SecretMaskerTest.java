package io.jenkins.plugins.orchestra.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SecretMaskerTest {
    private final SecretMasker masker = new SecretMasker();

    private SecretMasker knowing(String... values) {
        for (String value : values) {
            masker.add(Secret.of(value));
        }
        return masker;
    }

    @Test
    void replacesEveryOccurrenceOfAValueWithTheMask() {
        knowing("hunter2");

        assertThat(masker.mask("login hunter2, again hunter2.")).isEqualTo("login ****, again ****.");
    }

    @Test
    void leavesTextWithoutSecretsAsItIs() {
        assertThat(masker.mask("nothing known yet")).isEqualTo("nothing known yet");
        knowing("hunter2");
        assertThat(masker.mask("hunter 2 hunteR2")).isEqualTo("hunter 2 hunteR2");
    }

    @Test
    void masksAnOccurrenceWholeWhenOneSecretIsPartOfAnother() {
        knowing("token", "token-for-prod");

        assertThat(masker.mask("[token-for-prod] [token-for-dev]")).isEqualTo("[****] [****-for-dev]");
    }

    @Test
    void masksOverlappingSecretsAsOneStretch() {
        knowing("abcd", "cdef");

        assertThat(masker.mask("xabcdefx")).isEqualTo("x****x");
    }

    @Test
    void masksRepeatedValuesOneMaskEach() {
        knowing("abc");

        assertThat(masker.mask("abcabc")).isEqualTo("********");
    }

    @Test
    void masksTheValueEscapedInAJsonString() {
        knowing("pa\"ss\\wo\nrd");

        assertThat(masker.mask("{\"password\":\"pa\\\"ss\\\\wo\\nrd\"}")).isEqualTo("{\"password\":\"****\"}");
    }

    @Test
    void masksTheValueUrlEncodedWithPlusOrPercentSpaces() {
        knowing("p@ss word/1");

        assertThat(masker.mask("https://u:p%40ss+word%2F1@host https://u:p%40ss%20word%2F1@host"))
                .isEqualTo("https://u:****@host https://u:****@host");
    }

    @Test
    void masksTheValueAsSetMinusXQuotesIt() {
        knowing("it's");

        assertThat(masker.mask("+ curl -u 'it'\\''s' host")).isEqualTo("+ curl -u **** host");
    }

    @Test
    void masksTheValueBase64EncodedAtAnyOffsetAsInABasicAuthHeader() {
        knowing("correct-horse-battery");

        for (String user : List.of("", "a", "ab", "abc", "admin")) {
            String header = "Authorization: Basic " + base64(user + ":correct-horse-battery");
            String masked = masker.mask(header);

            assertThat(masked).as(user).contains(SecretMasker.MASK);
            assertThat(masked.length() - "Authorization: Basic ".length() - SecretMasker.MASK.length())
                    .as("letters left of %s", header)
                    .isLessThanOrEqualTo((user.length() + 1) * 4 / 3 + 2);
        }
        assertThat(masker.mask(base64("correct-horse-battery"))).isEqualTo("****");
        assertThat(masker.mask(Base64.getUrlEncoder().encodeToString("correct-horse-battery".getBytes())))
                .isEqualTo("****");
    }

    @Test
    void masksASecretOfManyLines() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----";
        knowing(key);

        assertThat(masker.mask("key:\n" + key + "\ndone")).isEqualTo("key:\n****\ndone");
    }

    @Test
    void masksEvenAOneLetterValueButCallsItShort() {
        knowing("x");

        assertThat(masker.mask("max x-ray")).isEqualTo("ma**** ****-ray");
        assertThat(SecretMasker.isShort(Secret.of("x"))).isTrue();
        assertThat(SecretMasker.isShort(Secret.of("abc"))).isTrue();
        assertThat(SecretMasker.isShort(Secret.of("abcd"))).isFalse();
    }

    @Test
    void ignoresAnEmptySecret() {
        knowing("");

        assertThat(masker.mask("text")).isEqualTo("text");
    }

    @Test
    void masksEachOfManySecretsInALongLine() {
        List<Secret> secrets = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 2_000; i++) {
            secrets.add(Secret.of("secret-" + i + "-value"));
            line.append("key ").append(i).append(" is secret-").append(i).append("-value; ");
            expected.append("key ").append(i).append(" is ****; ");
        }
        masker.addAll(secrets);

        assertThat(masker.mask(line)).isEqualTo(expected.toString());
    }

    @Test
    void masksASecretAddedWhileOtherThreadsMask() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch added = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        masker.mask("warm up " + i);
                        masker.add(Secret.of("other-" + i));
                    }
                    added.await();
                    return masker.mask("the token is tok-123456");
                }));
            }
            masker.add(Secret.of("tok-123456"));
            added.countDown();
            for (Future<String> result : results) {
                assertThat(result.get()).isEqualTo("the token is ****");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void masksEachBodyLineOfAPrivateKeyMaskedOneLineAtATime() {
        String key = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0\n"
                + "AAAAGAAAABCgjy8HLIAKAWGkXjNcjAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5\n-----END OPENSSH PRIVATE KEY-----\n";
        SecretMasker masker = new SecretMasker();
        masker.add(Secret.of(key));
        StringBuilder out = new StringBuilder();
        for (String line : key.split("\n")) {
            out.append(masker.mask(line)).append('\n');
        }
        assertThat(out.toString())
                .doesNotContain("b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0")
                .doesNotContain("AAAAGAAAABCgjy8HLIAKAWGkXjNcjAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5")
                .contains("-----BEGIN OPENSSH PRIVATE KEY-----");
    }
}
