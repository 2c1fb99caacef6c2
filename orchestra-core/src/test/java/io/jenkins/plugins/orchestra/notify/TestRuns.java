package io.jenkins.plugins.orchestra.notify;

import io.jenkins.plugins.orchestra.host.RunRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Run contexts for tests: a run that went well, one whose Test stage failed with a log. */
public final class TestRuns {
    public static final RunRef SHOP_7 = new RunRef("shop", 7, "https://ci.example.com/job/shop/7/", "ada");

    private TestRuns() {}

    public static RunContext succeeded() {
        return succeeded(Optional.empty());
    }

    public static RunContext succeeded(Optional<Outcome> previous) {
        return new RunContext(
                SHOP_7,
                Outcome.SUCCESS,
                previous,
                Duration.ofSeconds(83),
                List.of(
                        new RunContext.Stage("Build", null, Outcome.SUCCESS, Duration.ofSeconds(20), null),
                        new RunContext.Stage("Test", null, Outcome.SUCCESS, Duration.ofSeconds(63), null)),
                "1.4.2",
                "production",
                List.of(new RunContext.Change("0123456789abcdef", "Ada", "Fix the cart total\n\nlong story")),
                RunLogs.none());
    }

    public static RunContext failed(Optional<Outcome> previous, List<String> testLog) {
        return failed(previous, testLog, "script returned exit code 1");
    }

    public static RunContext failed(Optional<Outcome> previous, List<String> testLog, String error) {
        return new RunContext(
                SHOP_7,
                Outcome.FAILURE,
                previous,
                Duration.ofSeconds(75),
                List.of(
                        new RunContext.Stage("Build", null, Outcome.SUCCESS, Duration.ofSeconds(20), null),
                        new RunContext.Stage("Test", null, Outcome.FAILURE, Duration.ofSeconds(55), error),
                        new RunContext.Stage("Deploy", null, Outcome.NOT_BUILT, Duration.ZERO, null)),
                null,
                null,
                List.of(),
                new RunLogs() {
                    @Override
                    public List<String> tail(String stage, int lines) {
                        List<String> log = stage.equals("Test") ? testLog : List.of();
                        return log.subList(Math.max(0, log.size() - lines), log.size());
                    }

                    @Override
                    public Optional<LogExcerpt> excerpt(String stage, int maxBytes) {
                        String text = String.join("\n", testLog) + "\n";
                        boolean cut = text.length() > maxBytes;
                        return Optional.of(
                                new LogExcerpt("Test.log", cut ? text.substring(text.length() - maxBytes) : text, cut));
                    }
                });
    }
}
