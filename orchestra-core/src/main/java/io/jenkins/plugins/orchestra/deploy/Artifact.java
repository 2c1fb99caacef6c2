package io.jenkins.plugins.orchestra.deploy;

import io.jenkins.plugins.orchestra.process.Cancellation;
import io.jenkins.plugins.orchestra.process.ScriptException;
import io.jenkins.plugins.orchestra.process.ShellRunner;
import io.jenkins.plugins.orchestra.process.ShellScript;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What a deploy ships, ready to upload: one file, with its format and checksum.
 *
 * @param source the artifact as the user named it, absolute
 * @param file the file to upload: {@code source}, or for a directory a {@code .tar.gz} of it made for this deploy
 * @param format how the host turns {@code file} into a release directory
 * @param fileName the name a single-file release keeps ({@code app.jar} in {@code releases/42/app.jar})
 * @param checksum SHA-256 (hex) of the artifact: of the file, or for a directory of its tree (paths, modes, contents,
 *     link targets), so that the same directory built twice has the same checksum
 * @param uploadChecksum SHA-256 (hex) of {@code file}, to verify the upload
 * @param size the size of {@code file} in bytes
 * @param executable whether a single file is executable, kept on the host
 */
public record Artifact(
        Path source,
        Path file,
        Format format,
        String fileName,
        String checksum,
        String uploadChecksum,
        long size,
        boolean executable) {

    /** How an artifact becomes a release directory. */
    public enum Format {
        /** A gzipped tar, unpacked into the release. */
        TAR_GZ("tar.gz"),
        /** A tar, unpacked into the release. */
        TAR("tar"),
        /** A zip, unpacked into the release with {@code unzip}. */
        ZIP("zip"),
        /** A directory of this machine, shipped as a gzipped tar and unpacked into the release. */
        DIRECTORY("directory"),
        /** Any other file, placed in the release under its name. */
        FILE("file");

        private final String label;

        Format(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public Artifact {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(uploadChecksum, "uploadChecksum");
    }

    /**
     * The artifact at {@code source}; a directory is packed into {@code scratch} with this machine's {@code tar}.
     *
     * @throws DeployException if it does not exist or cannot be read or packed
     */
    public static Artifact of(Path source, Path scratch, Cancellation cancellation) throws InterruptedException {
        if (!Files.exists(source)) {
            throw DeployException.invalid("artifact " + source + " does not exist");
        }
        try {
            if (Files.isDirectory(source)) {
                String tree = treeChecksum(source);
                Path packed = scratch.resolve("artifact.tar.gz");
                pack(source, packed, cancellation);
                return new Artifact(
                        source,
                        packed,
                        Format.DIRECTORY,
                        source.getFileName().toString(),
                        tree,
                        sha256(packed),
                        Files.size(packed),
                        false);
            }
            if (!Files.isRegularFile(source)) {
                throw DeployException.invalid("artifact " + source + " is neither a file nor a directory");
            }
            String name = source.getFileName().toString();
            String lower = name.toLowerCase(Locale.ROOT);
            Format format = lower.endsWith(".tar.gz") || lower.endsWith(".tgz")
                    ? Format.TAR_GZ
                    : lower.endsWith(".tar") ? Format.TAR : lower.endsWith(".zip") ? Format.ZIP : Format.FILE;
            String sum = sha256(source);
            return new Artifact(source, source, format, name, sum, sum, Files.size(source), Files.isExecutable(source));
        } catch (IOException | UncheckedIOException e) {
            throw DeployException.invalid("cannot read artifact " + source + ": " + e.getMessage());
        }
    }

    private static void pack(Path dir, Path out, Cancellation cancellation) throws InterruptedException {
        ShellScript tar = ShellScript.of(
                        "tar -czf " + ShellQuote.quote(out.toString()) + " -C " + ShellQuote.quote(dir.toString())
                                + " .",
                        dir,
                        Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"))
                .withEchoCommands(false)
                .withTimeout(Duration.ofMinutes(30));
        StringBuilder errors = new StringBuilder();
        try {
            ShellRunner.create()
                    .run(
                            tar,
                            UnaryOperator.identity(),
                            line -> errors.append(line).append('\n'),
                            cancellation);
        } catch (ScriptException.Aborted e) {
            throw new InterruptedException("packing the artifact was aborted");
        } catch (ScriptException e) {
            throw DeployException.invalid("cannot pack directory " + dir + " with tar: " + e.getMessage()
                    + (errors.isEmpty()
                            ? ""
                            : ": "
                                    + errors.toString()
                                            .strip()
                                            .lines()
                                            .reduce((a, b) -> b)
                                            .orElse("")));
        }
    }

    /** SHA-256 of a file, in hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** SHA-256 over a directory's paths (sorted), kinds, executable bits, contents and link targets. */
    static String treeChecksum(Path root) throws IOException {
        MessageDigest digest = digest();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.filter(p -> !p.equals(root))
                    .sorted((a, b) -> root.relativize(a)
                            .toString()
                            .compareTo(root.relativize(b).toString()))
                    .toList();
        }
        for (Path p : paths) {
            String rel = root.relativize(p).toString();
            StringBuilder entry = new StringBuilder(rel).append('\0');
            if (Files.isSymbolicLink(p)) {
                entry.append("l\0").append(Files.readSymbolicLink(p));
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                entry.append("d");
            } else {
                entry.append(Files.isExecutable(p) ? "x\0" : "f\0").append(sha256(p));
            }
            digest.update(entry.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    /** The size for people: {@code 840 B}, {@code 12.5 KB}, {@code 20.0 MB}. */
    public String sizeText() {
        if (size < 1024) {
            return size + " B";
        }
        if (size < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", size / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", size / (1024.0 * 1024));
    }

    /** The first 12 hex digits, for messages. */
    public String shortChecksum() {
        return checksum.substring(0, Math.min(12, checksum.length()));
    }
}
