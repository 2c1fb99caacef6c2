package io.jenkins.plugins.orchestra.runner.declarative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mutates valid Jenkinsfiles at random (lines deleted, duplicated, swapped; words renamed; punctuation dropped or
 * added) and checks that parsing and validating never throw: every mutant gives a model, errors, or one syntax error.
 * A failing seed reproduces its mutant.
 */
class DeclarativeFuzzTest {
    private static final List<String> BASES = List.of(
            DeclarativeFixtures.read("delivery-pipeline"),
            DeclarativeFixtures.read("many-errors"),
            DeclarativeFixtures.read("scripted-pipeline"),
            DeclarativeFixtures.read("parallel-step-mixed-into-steps"));
    private static final List<String> WORDS = List.of(
            "pipeline",
            "agent",
            "any",
            "none",
            "label",
            "node",
            "docker",
            "stages",
            "stage",
            "steps",
            "parallel",
            "matrix",
            "axes",
            "axis",
            "excludes",
            "exclude",
            "name",
            "values",
            "notValues",
            "when",
            "branch",
            "environment",
            "expression",
            "not",
            "allOf",
            "anyOf",
            "beforeAgent",
            "input",
            "message",
            "parameters",
            "string",
            "choice",
            "options",
            "timeout",
            "retry",
            "post",
            "always",
            "failure",
            "script",
            "credentials",
            "tools",
            "failFast",
            "sh",
            "echo",
            "foo",
            "x.y",
            "true",
            "42",
            "'text'",
            "\"${v}\"",
            "");
    private static final String PUNCTUATION = "{}()[]'\"=,;:$.+\\\n";
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|'[^']*'|\"[^\"]*\"|\\d+");

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void parserAndValidatorReturnErrorsButNeverThrow(long seed) {
        Random random = new Random(seed);
        String mutant = mutate(BASES.get(random.nextInt(BASES.size())), random);

        assertThatCode(() -> check(mutant))
                .as("seed %d, mutant:%n%s", seed, mutant)
                .doesNotThrowAnyException();
    }

    private static void check(String source) {
        ParsedJenkinsfile parsed = DeclarativeParser.parse(source);
        List<DeclarativeError> errors = DeclarativeValidator.validate(parsed);
        int lines = (int) source.lines().count();
        for (DeclarativeError error : errors) {
            assertThat(error.message()).isNotBlank();
            assertThat(error.line()).isBetween(0, lines + 1);
        }
        if (parsed.kind() == ParsedJenkinsfile.Kind.SYNTAX_ERROR) {
            assertThat(errors).hasSize(1);
            assertThat(errors.get(0).line()).isPositive();
        }
        assertThat(DeclarativeValidator.validate(source)).isEqualTo(errors);
        assertThat(DeclarativeReport.render(source, errors))
                .endsWith(errors.isEmpty() ? "" : "error" + (errors.size() == 1 ? "" : "s") + "\n");
        parsed.pipeline().ifPresent(pipeline -> pipeline.allStages().forEach(stage -> {
            stage.steps().ifPresent(steps -> steps.code().text(source));
            stage.post()
                    .ifPresent(post -> post.conditions().forEach(c -> c.code().text(source)));
            stage.environment().forEach(entry -> entry.code().text(source));
            stage.matrix().ifPresent(MatrixModel::cells);
        }));
    }

    private static String mutate(String base, Random random) {
        List<String> lines = new ArrayList<>(base.lines().toList());
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations && !lines.isEmpty(); i++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(6)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(at));
                case 2 -> lines.add(random.nextInt(lines.size()), lines.remove(at));
                case 3 -> lines.set(at, renameWord(lines.get(at), random));
                case 4 -> lines.set(at, dropCharacter(lines.get(at), random));
                default -> lines.set(at, insertCharacter(lines.get(at), random));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String renameWord(String line, Random random) {
        Matcher words = WORD.matcher(line);
        List<int[]> spans = new ArrayList<>();
        while (words.find()) {
            spans.add(new int[] {words.start(), words.end()});
        }
        if (spans.isEmpty()) {
            return line;
        }
        int[] span = spans.get(random.nextInt(spans.size()));
        return line.substring(0, span[0]) + WORDS.get(random.nextInt(WORDS.size())) + line.substring(span[1]);
    }

    private static String dropCharacter(String line, Random random) {
        if (line.isEmpty()) {
            return line;
        }
        int at = random.nextInt(line.length());
        return line.substring(0, at) + line.substring(at + 1);
    }

    private static String insertCharacter(String line, Random random) {
        int at = random.nextInt(line.length() + 1);
        char c = PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()));
        return line.substring(0, at) + c + line.substring(at);
    }
}
