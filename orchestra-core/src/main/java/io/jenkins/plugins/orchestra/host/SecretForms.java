package io.jenkins.plugins.orchestra.host;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/** The forms in which a secret value may show up in output besides itself. */
final class SecretForms {
    /**
     * Encoded forms shorter than this are left out: they would hide ordinary text (three Base64 letters are in many a
     * hash) and tell too little of the value to be worth it. The value itself is always masked, however short.
     */
    static final int SHORTEST_ENCODED = 4;

    private SecretForms() {}

    /** The value and its encoded forms: JSON string, URL, POSIX shell quoting and Base64 at every alignment. */
    static Set<String> of(String value) {
        Set<String> forms = new LinkedHashSet<>();
        if (value.isEmpty()) {
            return forms;
        }
        forms.add(value);
        encoded(forms, new String(JsonStringEncoder.getInstance().quoteAsString(value)));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        encoded(forms, url);
        encoded(forms, url.replace("+", "%20"));
        // what `set -x` prints for an argument that holds the value
        String shell = value.replace("'", "'\\''");
        encoded(forms, shell);
        encoded(forms, "'" + shell + "'");
        base64(forms, value.getBytes(StandardCharsets.UTF_8));
        // a private key printed line by line (a host that masks each line of a process's output): its body lines
        if (value.indexOf('\n') >= 0) {
            for (String line : value.split("\r?\n")) {
                if (line.length() >= 16 && !line.startsWith("-----")) {
                    forms.add(line);
                }
            }
        }
        return forms;
    }

    /**
     * Base64 of the value where the value starts 0, 1 or 2 bytes into a group of three, as it does inside a longer
     * encoded text such as an {@code Authorization: Basic} header of {@code user:password}. Of each, the letters that
     * depend on the value alone, and those letters through the end of the padded encoding, in both alphabets.
     */
    private static void base64(Set<String> forms, byte[] value) {
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = new byte[shift + value.length];
            System.arraycopy(value, 0, shifted, shift, value.length);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int first = (8 * shift + 5) / 6;
            int last = 8 * shifted.length / 6;
            if (last > first) {
                base64Form(forms, encoded.substring(first, last));
                base64Form(forms, encoded.substring(first));
            }
        }
    }

    private static void base64Form(Set<String> forms, String form) {
        encoded(forms, form);
        encoded(forms, form.replace('+', '-').replace('/', '_'));
    }

    private static void encoded(Set<String> forms, String form) {
        if (form.length() >= SHORTEST_ENCODED) {
            forms.add(form);
        }
    }
}
