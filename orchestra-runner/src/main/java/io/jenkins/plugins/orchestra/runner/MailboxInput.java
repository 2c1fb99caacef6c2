package io.jenkins.plugins.orchestra.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code input} from {@code orchestra approve <run> <id>} run in another shell: the answer arrives as a file in
 * the run's {@code answers/} directory.
 */
final class MailboxInput implements InputProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path answers;
    private final int run;
    private final PrintStream out;

    MailboxInput(Path runDirectory, int run, PrintStream out) {
        this.answers = runDirectory.resolve("answers");
        this.run = run;
        this.out = out;
    }

    @Override
    public Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        return ask("input", message, ok, submitters, parameters);
    }

    @Override
    public Answer ask(String id, String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        Path file = answers.resolve(Answers.fileName(id));
        out.println("Waiting for an answer to '" + id + "': orchestra approve " + run + " '" + id
                + "' [--reject] [--user NAME]");
        while (true) {
            if (Files.exists(file)) {
                try {
                    JsonNode answer = JSON.readTree(file.toFile());
                    Files.deleteIfExists(file);
                    return new Answer(
                            answer.path("approve").asBoolean(false),
                            answer.path("user").asText("unknown"),
                            Map.of());
                } catch (IOException e) {
                    // being written: read it again on the next turn
                }
            }
            Thread.sleep(200);
        }
    }

    /** Where answers are written and read. */
    static final class Answers {
        private Answers() {}

        static String fileName(String id) {
            StringBuilder name = new StringBuilder();
            for (char c : id.toCharArray()) {
                name.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
            }
            return name + ".json";
        }

        static void write(Path runDirectory, String id, boolean approve, String user, String comment)
                throws IOException {
            Path dir = Files.createDirectories(runDirectory.resolve("answers"));
            Path temp = Files.createTempFile(dir, ".answer", ".tmp");
            JSON.writeValue(temp.toFile(), Map.of("approve", approve, "user", user, "comment", comment));
            Files.move(temp, dir.resolve(fileName(id)), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
