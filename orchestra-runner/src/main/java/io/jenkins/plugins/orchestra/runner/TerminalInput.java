package io.jenkins.plugins.orchestra.runner;

import io.jenkins.plugins.orchestra.runner.script.BuildResult;
import io.jenkins.plugins.orchestra.runner.script.FlowInterruptedException;
import io.jenkins.plugins.orchestra.runner.script.InputProvider;
import java.io.Console;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Answers {@code input} at the terminal, as the user running {@code orchestra}. */
final class TerminalInput implements InputProvider {
    private final Console console;
    private final String user;

    TerminalInput(Console console, String user) {
        this.console = console;
        this.user = user;
    }

    @Override
    public synchronized Answer ask(String message, String ok, List<String> submitters, Map<String, Object> parameters) {
        if (!submitters.isEmpty() && !submitters.contains(user)) {
            throw new FlowInterruptedException(
                    BuildResult.ABORTED,
                    "input '" + message + "' may be answered by " + String.join(", ", submitters) + ", not by '" + user
                            + "' (use --user NAME)");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> p : parameters.entrySet()) {
            String line = console.readLine("%s [%s]: ", p.getKey(), p.getValue());
            values.put(p.getKey(), line == null || line.isBlank() ? p.getValue() : line.strip());
        }
        while (true) {
            String line = console.readLine("%s [%s/abort]: ", message, ok);
            if (line == null || line.strip().equalsIgnoreCase("abort")) {
                return new Answer(false, user, Map.of());
            }
            String answer = line.strip().toLowerCase(Locale.ROOT);
            if (answer.isEmpty()
                    || answer.equals(ok.toLowerCase(Locale.ROOT))
                    || answer.equals("y")
                    || answer.equals("yes")) {
                return new Answer(true, user, values);
            }
        }
    }
}
