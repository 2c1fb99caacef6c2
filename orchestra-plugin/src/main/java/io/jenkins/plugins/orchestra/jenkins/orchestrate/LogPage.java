package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.console.ConsoleNote;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A page of a log as openapi.yaml's LogChunk: {@code {stage, offset, next, size, text}}. A page read from the tail
 * starts at a line; one that stops before the end of the log stops after a line, or after a whole UTF-8 character
 * when a line is longer than the page, so that a console note or a character is never cut. The text comes without the
 * notes.
 */
@Restricted(NoExternalUse.class)
final class LogPage {
    private LogPage() {}

    /** @param bytes the log's bytes from {@code from}; {@code size} the log's size */
    static Map<String, Object> of(String stage, long from, byte[] bytes, long size, boolean fromTail) {
        int start = 0;
        if (fromTail && from > 0) {
            while (start < bytes.length && bytes[start] != '\n') {
                start++;
            }
            start = Math.min(bytes.length, start + 1);
        }
        int end = bytes.length;
        if (from + end < size) {
            int line = end;
            while (line > start && bytes[line - 1] != '\n') {
                line--;
            }
            end = line > start ? line : wholeCharacters(bytes, start, end);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stage", stage);
        out.put("offset", from + start);
        out.put("next", from + end);
        out.put("size", size);
        out.put("text", ConsoleNote.removeNotes(new String(bytes, start, end - start, StandardCharsets.UTF_8)));
        return out;
    }

    /** Where the last whole UTF-8 character before {@code end} ends. */
    private static int wholeCharacters(byte[] bytes, int start, int end) {
        int i = end;
        while (i > start && (bytes[i - 1] & 0xC0) == 0x80) {
            i--; // continuation bytes
        }
        if (i > start && (bytes[i - 1] & 0x80) != 0) {
            int lead = bytes[i - 1] & 0xFF;
            int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            return end - (i - 1) >= length ? end : i - 1;
        }
        return end;
    }
}
