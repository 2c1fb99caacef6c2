package io.jenkins.plugins.orchestra.runner.script;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The build log: what the Jenkinsfile and its steps print, a line at a time, prefixed with the {@code parallel} branch
 * like Jenkins does, and with every known secret masked. Thread-safe: lines of concurrent branches never mix.
 */
public final class Console {
    private final PrintStream out;
    private final UnaryOperator<String> mask;
    private final StageLogs stageLogs;

    public Console(PrintStream out, UnaryOperator<String> mask) {
        this(out, mask, null);
    }

    /** @param stageLogs where each stage's lines are also kept, or {@code null} */
    public Console(PrintStream out, UnaryOperator<String> mask, StageLogs stageLogs) {
        this.out = Objects.requireNonNull(out, "out");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.stageLogs = stageLogs;
    }

    /** {@code text} with every known secret masked, for what is written elsewhere than the console. */
    public String mask(String text) {
        return text == null ? null : mask.apply(text);
    }

    /** Prints {@code text}, each of its lines prefixed with the branch of {@code context}. */
    public void println(ExecutionContext context, String text) {
        String prefix = context.branch() == null ? "" : "[" + context.branch() + "] ";
        String masked = mask.apply(String.valueOf(text));
        synchronized (out) {
            for (String line : masked.split("\n", -1)) {
                out.println(prefix + line);
            }
            out.flush();
        }
        if (stageLogs != null && context.stage() != null) {
            stageLogs.append(context, masked);
        }
    }

    /** Jenkins' {@code [Pipeline] echo} markers between steps. */
    public void pipeline(ExecutionContext context, String marker) {
        println(context, "[Pipeline] " + marker);
    }
}
