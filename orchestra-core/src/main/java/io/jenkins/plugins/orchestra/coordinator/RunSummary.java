package io.jenkins.plugins.orchestra.coordinator;

import io.jenkins.plugins.orchestra.internal.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The summary printed at the end of a run: a table of stages, the critical path and the bottleneck. */
public final class RunSummary {
    private RunSummary() {}

    public static String format(RunResult result) {
        StringBuilder out = new StringBuilder();
        out.append("Run '")
                .append(result.plan())
                .append("' ")
                .append(result.status())
                .append(" in ")
                .append(Durations.format(result.duration()))
                .append('\n');
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"STAGE", "STATUS", "ATTEMPTS", "DURATION", "NOTE"});
        for (StageResult s : result.stages()) {
            String note = s.failure().map(Failure::toString).orElse(s.note().orElse(""));
            if (s.rollback() != StageResult.RollbackOutcome.NONE) {
                note = (note.isEmpty() ? "" : note + "; ")
                        + (s.rollback() == StageResult.RollbackOutcome.ROLLED_BACK ? "rolled back" : "rollback failed");
            }
            rows.add(new String[] {
                s.name(),
                s.status().name(),
                String.valueOf(s.attempts()),
                s.duration().map(Durations::format).orElse("-"),
                note
            });
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < widths.length; c++) {
                line.append(row[c]).append(" ".repeat(widths[c] - row[c].length() + 2));
            }
            line.append(row[4]);
            out.append(line.toString().stripTrailing()).append('\n');
        }
        CriticalPath path = result.criticalPath();
        if (!path.segments().isEmpty()) {
            out.append("Critical path (").append(Durations.format(path.total())).append("): ");
            List<String> parts = new ArrayList<>();
            for (CriticalPath.Segment s : path.segments()) {
                String waited = s.waited().compareTo(Duration.ofMillis(1)) >= 0
                        ? " (waited " + Durations.format(s.waited()) + ")"
                        : "";
                parts.add(s.stage() + " " + Durations.format(s.ran()) + waited);
            }
            out.append(String.join(" → ", parts)).append('\n');
            path.bottleneck().ifPresent(b -> {
                Duration ran = path.segments().stream()
                        .filter(s -> s.stage().equals(b))
                        .findFirst()
                        .orElseThrow()
                        .ran();
                long share = path.total().isZero()
                        ? 100
                        : Math.round(100.0 * ran.toNanos() / path.total().toNanos());
                out.append(String.format(
                        Locale.ROOT, "Bottleneck: %s (%s, %d%% of the run)%n", b, Durations.format(ran), share));
            });
        }
        return out.toString();
    }
}
