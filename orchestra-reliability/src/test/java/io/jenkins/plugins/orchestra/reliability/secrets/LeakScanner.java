package io.jenkins.plugins.orchestra.reliability.secrets;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Looks for planted secrets in what the product wrote or sent, in each form the masker promises to hide
 * (docs/credentials.md): the value, JSON-escaped, URL-encoded ({@code +} and {@code %20}), quoted as {@code sh -x}
 * prints it, and Base64 in the standard and URL-safe alphabets at any alignment inside a longer Base64 text. A
 * multi-line value (a private key) is also looked for line by line. Counts places, files and bytes, and keeps leaks.
 */
final class LeakScanner {
    /** A planted secret: its name (credential id and field, or configuration setting) and value. */
    record Secret(String name, String kind, String value) {}

    /** A secret found where it may not be. */
    record Leak(String place, String where, String secret, String form, String context) {}

    private record Needle(String secret, String form, String text) {}

    private final List<Secret> secrets = new ArrayList<>();
    private final List<Needle> needles = new ArrayList<>();
    private final Map<String, long[]> places = new LinkedHashMap<>();
    private final List<Leak> leaks = new ArrayList<>();

    void plant(String name, String kind, String value) {
        for (Secret s : secrets) {
            if (s.value().contains(value) || value.contains(s.value())) {
                throw new IllegalArgumentException("secrets must be distinct: " + name + " and " + s.name());
            }
        }
        secrets.add(new Secret(name, kind, value));
        for (Map.Entry<String, String> f : forms(value).entrySet()) {
            needles.add(new Needle(name, f.getKey(), f.getValue()));
        }
    }

    List<Secret> secrets() {
        return List.copyOf(secrets);
    }

    String value(String name) {
        return secrets.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow()
                .value();
    }

    /** Scans one item of {@code place} ({@code where}: a file, a request, a message); {@code allowed} secrets may be there. */
    void scan(String place, String where, byte[] content, Set<String> allowed) {
        long[] stats = places.computeIfAbsent(place, p -> new long[2]);
        stats[0]++;
        stats[1] += content.length;
        String text = new String(content, StandardCharsets.UTF_8);
        for (Needle n : needles) {
            if (allowed.contains(n.secret())) {
                continue;
            }
            int at = text.indexOf(n.text());
            if (at >= 0) {
                int from = Math.max(0, at - 60);
                int to = Math.min(text.length(), at + n.text().length() + 20);
                String context = text.substring(from, at) + "<" + n.secret() + ">"
                        + text.substring(at + n.text().length(), to);
                leaks.add(new Leak(place, where, n.secret(), n.form(), context.replace('\n', '⏎')));
            }
        }
    }

    void scan(String place, String where, String content) {
        scan(place, where, content.getBytes(StandardCharsets.UTF_8), Set.of());
    }

    /** Every regular file under {@code dir}, except {@code inputs} (files the test itself wrote). */
    void scanTree(String place, Path dir, Set<Path> inputs) throws IOException {
        places.computeIfAbsent(place, p -> new long[2]);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            if (!inputs.contains(f.toAbsolutePath().normalize())) {
                scan(place, dir.relativize(f).toString(), Files.readAllBytes(f), Set.of());
            }
        }
    }

    Map<String, long[]> places() {
        return places;
    }

    List<Leak> leaks() {
        return List.copyOf(leaks);
    }

    long files() {
        return places.values().stream().mapToLong(s -> s[0]).sum();
    }

    long bytes() {
        return places.values().stream().mapToLong(s -> s[1]).sum();
    }

    /** The forms of {@code value} the masker promises to hide, by name. */
    static Map<String, String> forms(String value) {
        Map<String, String> forms = new LinkedHashMap<>();
        forms.put("plain", value);
        forms.put("json", json(value));
        String url = URLEncoder.encode(value, StandardCharsets.UTF_8);
        forms.put("url+", url);
        forms.put("url%20", url.replace("+", "%20"));
        forms.put("sh -x", "'" + value.replace("'", "'\\''") + "'");
        String xml = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        forms.put("xml", xml.replace("\"", "&quot;").replace("'", "&apos;"));
        forms.put("html", xml.replace("\"", "&quot;").replace("'", "&#39;").replace("=", "&#x3D;"));
        forms.put("html#x", xml.replace("\"", "&#34;").replace("'", "&#x27;"));
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < 3; k++) {
            String b64 = base64Core(bytes, k);
            forms.put("base64@" + k, b64);
            forms.put("base64url@" + k, b64.replace('+', '-').replace('/', '_'));
        }
        if (value.contains("\n")) {
            int i = 0;
            for (String line : value.split("\n")) {
                if (line.length() >= 16 && !line.startsWith("-----")) {
                    forms.put("line " + i++, line);
                }
            }
        }
        Set<String> seen = new LinkedHashSet<>();
        forms.values().removeIf(v -> !seen.add(v) && !v.equals(value));
        return forms;
    }

    /** The Base64 characters that depend only on {@code bytes} when they start {@code k} bytes into a longer text. */
    private static String base64Core(byte[] bytes, int k) {
        byte[] shifted = new byte[k + bytes.length];
        System.arraycopy(bytes, 0, shifted, k, bytes.length);
        String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
        int from = (8 * k + 5) / 6;
        int to = (8 * (k + bytes.length)) / 6;
        return encoded.substring(from, to);
    }

    private static String json(String value) {
        StringBuilder s = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
