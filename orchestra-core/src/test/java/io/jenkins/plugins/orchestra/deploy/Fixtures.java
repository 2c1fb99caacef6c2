package io.jenkins.plugins.orchestra.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Artifacts and targets for deploy tests. */
final class Fixtures {
    private Fixtures() {}

    /** A {@code .tar.gz} in {@code dir} holding {@code index.html} ({@code version <text>}) and {@code bin/run.sh}. */
    static Path tarGz(Path dir, String name, String text) throws IOException, InterruptedException {
        Path src = Files.createTempDirectory(dir, "src-");
        Files.writeString(src.resolve("index.html"), "version " + text + "\n");
        Files.createDirectories(src.resolve("bin"));
        Path run = src.resolve("bin/run.sh");
        Files.writeString(run, "#!/bin/sh\necho running " + text + "\n");
        run.toFile().setExecutable(true);
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("tar", "-czf", out.toString(), "-C", src.toString(), ".")
                .inheritIO()
                .start();
        if (p.waitFor() != 0) {
            throw new IOException("tar failed");
        }
        return out;
    }

    /** A local target with hosts {@code h1..hN}, each with base {@code <root>/<host>}. */
    static Map<String, Object> localTarget(Path root, int hosts) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            names.add("h" + i);
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", "local");
        t.put("hosts", names);
        t.put("base", root + "/{host}");
        return t;
    }

    /** The version {@code <base>/current} serves, from its index.html; null if nothing is live. */
    static String live(Path base) throws IOException {
        Path index = base.resolve("current/index.html");
        if (!Files.exists(index)) {
            return null;
        }
        return Files.readString(index).strip().replace("version ", "");
    }
}
