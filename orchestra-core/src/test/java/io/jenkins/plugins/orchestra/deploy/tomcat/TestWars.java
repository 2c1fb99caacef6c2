package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small WARs for the tests, zipped here: static pages, no JSP, no Maven war project. */
final class TestWars {
    private static final String WEB_XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\"/>\n";

    private TestWars() {}

    /** A WAR whose {@code index.html} is {@code text} and whose {@code health} says {@code ok <text>}. */
    static Path war(Path file, String text) throws IOException {
        return zip(file, pages(text));
    }

    /** A WAR that starts and serves {@code index.html} but has no {@code health}: its health check answers 404. */
    static Path withoutHealth(Path file, String text) throws IOException {
        Map<String, String> entries = pages(text);
        entries.remove("health");
        return zip(file, entries);
    }

    private static Map<String, String> pages(String text) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("WEB-INF/web.xml", WEB_XML);
        entries.put("index.html", text);
        entries.put("health", "ok " + text);
        return entries;
    }

    /** A WAR of at least {@code size} bytes: {@link #war} with an incompressible {@code padding.bin}. */
    static Path war(Path file, String text, int size) throws IOException {
        byte[] padding = new byte[size];
        new Random(size).nextBytes(padding);
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : pages(text).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("padding.bin"));
            zip.write(padding);
            zip.closeEntry();
        }
        return file;
    }

    /** A WAR Tomcat deploys but cannot start: its {@code web.xml} is not XML. */
    static Path failingToStart(Path file) throws IOException {
        return zip(file, Map.of("WEB-INF/web.xml", "<web-app this is not xml", "index.html", "broken"));
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
