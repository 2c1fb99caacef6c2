package io.jenkins.plugins.orchestra.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LineSplitterTest {
    private final List<String> lines = new ArrayList<>();

    private LineSplitter splitter(int max) {
        return new LineSplitter(StandardCharsets.UTF_8, max, lines::add);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void joinsALineThatArrivesInPiecesAndDropsTheCarriageReturnBeforeANewline() {
        LineSplitter splitter = splitter(1024);

        splitter.accept(bytes("he"));
        splitter.accept(bytes("llo\r"));
        splitter.accept(bytes("\nprogress\r50%\n\nlast"));
        assertThat(lines).containsExactly("hello", "progress\r50%", "");

        splitter.finish();
        assertThat(lines).containsExactly("hello", "progress\r50%", "", "last");
    }

    @Test
    void cutsALongLineBetweenCharactersNeverInsideOne() {
        LineSplitter splitter = splitter(8);

        // "abcdef" is 6 bytes, "é" 2 and "€" 3: the 8-byte piece ends before the euro sign's last bytes arrive
        splitter.accept(bytes("abcdef\u00e9\u20ac\u20ac\n"));

        assertThat(lines).containsExactly("abcdef\u00e9", "\u20ac\u20ac");
    }

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void givesTheSameLinesHoweverTheBytesAreChunked(long seed) {
        Random random = new Random(seed);
        String alphabet = "ab \r\n\u00e9\u20ac\uD83D\uDE00";
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(200); i > 0; i--) {
            int at = random.nextInt(alphabet.length());
            if (Character.isHighSurrogate(alphabet.charAt(at))) {
                text.append(alphabet, at, at + 2);
            } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
                text.append(alphabet.charAt(at));
            }
        }
        byte[] all = text.toString().getBytes(StandardCharsets.UTF_8);
        LineSplitter splitter = splitter(1 << 20);
        for (int from = 0; from < all.length; ) {
            int n = Math.min(all.length - from, 1 + random.nextInt(7));
            splitter.accept(ByteBuffer.wrap(all, from, n));
            from += n;
        }
        splitter.finish();

        // every line ended by \n loses one \r before it; a last line without \n is kept as it is
        List<String> expected = new ArrayList<>(List.of(text.toString().split("\n", -1)));
        String last = expected.remove(expected.size() - 1);
        expected.replaceAll(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        if (!last.isEmpty()) {
            expected.add(last);
        }
        assertThat(lines).as("seed %d", seed).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void piecesOfALongLineJoinBackAndNeverCutACharacter(long seed) {
        Random random = new Random(seed);
        String alphabet = "ab\u00e9\u20ac\uD83D\uDE00";
        StringBuilder line = new StringBuilder();
        for (int i = 1 + random.nextInt(100); i > 0; i--) {
            int at = random.nextInt(alphabet.length() - 1);
            line.append(
                    Character.isHighSurrogate(alphabet.charAt(at))
                            ? alphabet.substring(at, at + 2)
                            : String.valueOf(alphabet.charAt(at)));
        }
        int max = 4 + random.nextInt(13);
        LineSplitter splitter = splitter(max);

        splitter.accept(bytes(line + "\n"));

        assertThat(String.join("", lines)).as("seed %d", seed).isEqualTo(line.toString());
        assertThat(lines).as("seed %d", seed).allSatisfy(piece -> {
            assertThat(piece).doesNotContain("\uFFFD");
            assertThat(piece.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(max);
        });
    }
}
