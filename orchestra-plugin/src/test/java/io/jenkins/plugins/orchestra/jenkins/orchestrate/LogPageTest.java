package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogPageTest {
    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void startsATailAtALineAndStopsAPageBeforeTheEndAfterOne() {
        byte[] log = bytes("one\ntwo\nthree\nfour");

        Map<String, Object> tail = LogPage.of("s1", 5, java.util.Arrays.copyOfRange(log, 5, log.length), 18, true);
        Map<String, Object> page = LogPage.of("s1", 0, java.util.Arrays.copyOfRange(log, 0, 10), 18, false);

        assertEquals("three\nfour", tail.get("text"));
        assertEquals(8L, tail.get("offset"));
        assertEquals(18L, tail.get("next"));
        assertEquals("one\ntwo\n", page.get("text"));
        assertEquals(8L, page.get("next"));
        assertEquals(18L, page.get("size"));
    }

    @Test
    void cutsALineLongerThanAPageAfterAWholeCharacterAndDropsConsoleNotes() {
        byte[] wide = bytes("ab\u00e9\u20ac");
        Map<String, Object> cut = LogPage.of("s1", 0, java.util.Arrays.copyOf(wide, 5), wide.length, false);
        byte[] noted = bytes("\u001B[8mha:AAAA\u001B[0mdeployed\n");
        Map<String, Object> clean = LogPage.of("s1", 0, noted, noted.length, false);

        assertEquals("ab\u00e9", cut.get("text"));
        assertEquals(4L, cut.get("next"));
        assertEquals("deployed\n", clean.get("text"));
        assertEquals((long) noted.length, clean.get("next"));
    }
}
