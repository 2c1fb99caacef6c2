package io.jenkins.plugins.orchestra.runner.script;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A log file per stage, {@code stages/<stage>.log} in the run's directory, holding what the stage printed, masked like
 * the build log; lines printed by a parallel branch inside it carry the branch's name, as in the build log.
 */
public final class StageLogs implements Closeable {
    private final Path dir;
    private final Map<String, Writer> open = new HashMap<>();

    public StageLogs(Path dir) {
        this.dir = dir;
    }

    synchronized void append(ExecutionContext context, String lines) {
        String name = context.stage();
        if (context.branch() != null && !context.branch().equals(name)) {
            // a branch inside the stage, or a stage repeated in several branches (matrix cells): say which
            lines = ("\n" + lines)
                    .replace("\n", "\n[" + context.branch() + "] ")
                    .substring(1);
        }
        try {
            Writer w = open.get(name);
            if (w == null) {
                Files.createDirectories(dir);
                w = Files.newBufferedWriter(
                        dir.resolve(fileName(name)),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                open.put(name, w);
            }
            w.write(lines);
            w.write('\n');
            w.flush();
        } catch (IOException e) {
            // the build log has every line; a stage log that cannot be written is not worth failing the run
        }
    }

    public static String fileName(String stage) {
        StringBuilder out = new StringBuilder();
        for (char c : stage.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
        }
        return out + ".log";
    }

    @Override
    public synchronized void close() throws IOException {
        for (Writer w : open.values()) {
            w.close();
        }
        open.clear();
    }
}
