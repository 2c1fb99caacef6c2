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
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers {@code input} from {@code orchestra approve <run> <id>} run in another shell, or from the dashboard: the
 * answer arrives as a file in the run's {@code answers/} directory.
 */
public final class MailboxInput implements InputProvider {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer as it arrived, with its comment, which {@link Answer} does not carry. */
    public record Answered(String id, boolean approve, String user, String comment) {}

    private final Path answers;
    private final int run;
    private final PrintStream out;
    private final Consumer<Answered> onAnswer;

    MailboxInput(Path runDirectory, int run, PrintStream out) {
        this(runDirectory, run, out, a -> {});
    }

    /** @param onAnswer hears each answer on the asking thread, before {@code ask} returns it */
    MailboxInput(Path runDirectory, int run, PrintStream out, Consumer<Answered> onAnswer) {
        this.answers = runDirectory.resolve("answers");
        this.run = run;
        this.out = out;
        this.onAnswer = onAnswer;
    }

    @Override
    public Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        return ask("input", message, ok, submitters, parameters);
    }

    @Override
    public Answer ask(String id, String message, String ok, List<String> submitters, Map<String, Object> parameters)
            throws InterruptedException {
        announce(id);
        while (true) {
            Optional<Answer> answer = poll(id);
            if (answer.isPresent()) {
                return answer.get();
            }
            Thread.sleep(200);
        }
    }

    void announce(String id) {
        out.println("Waiting for an answer to '" + id + "': orchestra approve " + run + " '" + id
                + "' [--reject] [--user NAME]");
    }

    /** The answer to {@code id} if one arrived, taken from the mailbox. */
    Optional<Answer> poll(String id) {
        Path file = answers.resolve(Answers.fileName(id));
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode answer = JSON.readTree(file.toFile());
            Files.deleteIfExists(file);
            Answered answered = new Answered(
                    id,
                    answer.path("approve").asBoolean(false),
                    answer.path("user").asText("unknown"),
                    answer.path("comment").asText(""));
            onAnswer.accept(answered);
            return Optional.of(new Answer(answered.approve(), answered.user(), Map.of()));
        } catch (IOException e) {
            return Optional.empty(); // being written: read it again on the next turn
        }
    }

    /** Where answers are written and read. */
    public static final class Answers {
        private Answers() {}

        static String fileName(String id) {
            StringBuilder name = new StringBuilder();
            for (char c : id.toCharArray()) {
                name.append(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
            }
            return name + ".json";
        }

        public static void write(Path runDirectory, String id, boolean approve, String user, String comment)
                throws IOException {
            Path dir = Files.createDirectories(runDirectory.resolve("answers"));
            Path temp = Files.createTempFile(dir, ".answer", ".tmp");
            JSON.writeValue(temp.toFile(), Map.of("approve", approve, "user", user, "comment", comment));
            Files.move(temp, dir.resolve(fileName(id)), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
