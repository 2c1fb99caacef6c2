package io.jenkins.plugins.orchestra.bench;

import io.jenkins.plugins.orchestra.runner.Main;
import io.jenkins.plugins.orchestra.runner.declarative.DeclarativeValidator;
import io.jenkins.plugins.orchestra.runner.script.JenkinsfileRunner;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code orchestra run} again and again in this JVM, as the dashboard will run Jenkinsfiles: through
 * {@link Main#run}, with the whole command (arguments, validation, compilation, run directory, git, the run), timed
 * from the call to the first stage line on its console and to its return.
 */
final class WarmRuns {
    /**
     * @param firstRuns the first runs in this JVM, before any warm-up: time to the first stage, in milliseconds
     * @param firstStage time to the first stage after the warm-up runs
     * @param whole time to the end of the run (summary and reports written) after the warm-up runs
     * @param validate {@code DeclarativeValidator.validate} of the same source alone, after as many runs
     * @param compile {@code JenkinsfileRunner.compile} of the same source alone, after as many runs
     */
    record Result(List<Double> firstRuns, int warmUps, Stats firstStage, Stats whole, Stats validate, Stats compile) {}

    static final int FIRST_RUNS = 10;

    private WarmRuns() {}

    static Result run(Path jenkinsfile, int warmUps, int measured) throws IOException {
        List<Double> firstRuns = new ArrayList<>();
        for (int i = 0; i < FIRST_RUNS; i++) {
            firstRuns.add(once(jenkinsfile)[0]);
        }
        for (int i = FIRST_RUNS; i < warmUps; i++) {
            once(jenkinsfile);
        }
        double[] firstStage = new double[measured];
        double[] whole = new double[measured];
        for (int i = 0; i < measured; i++) {
            double[] run = once(jenkinsfile);
            firstStage[i] = run[0];
            whole[i] = run[1];
        }
        String source = Files.readString(jenkinsfile, StandardCharsets.UTF_8);
        double[] validate = new double[measured];
        double[] compile = new double[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            if (!DeclarativeValidator.validate(source).isEmpty()) {
                throw new IllegalStateException("the bench Jenkinsfile is invalid");
            }
            long validated = System.nanoTime();
            JenkinsfileRunner.compile(source);
            validate[i] = (validated - start) / 1e6;
            compile[i] = (System.nanoTime() - validated) / 1e6;
        }
        return new Result(
                List.copyOf(firstRuns),
                Math.max(warmUps, FIRST_RUNS),
                Stats.of(firstStage),
                Stats.of(whole),
                Stats.of(validate),
                Stats.of(compile));
    }

    /** One run: milliseconds to the first stage line and to the end. Its run directory is deleted afterwards. */
    private static double[] once(Path jenkinsfile) throws IOException {
        FirstStageClock console = new FirstStageClock();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit = Main.run(
                new String[] {"run", jenkinsfile.toString()},
                new PrintStream(console, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        long end = System.nanoTime();
        if (exit != 0 || console.firstStageNanos() == 0) {
            throw new IllegalStateException("orchestra run " + jenkinsfile + " exited with " + exit + " after "
                    + console.lines() + " lines and no stage line: " + err.toString(StandardCharsets.UTF_8));
        }
        StartupBench.deleteRuns(jenkinsfile.getParent());
        return new double[] {(console.firstStageNanos() - start) / 1e6, (end - start) / 1e6};
    }
}
