package io.jenkins.plugins.orchestra.coordinator.journal;

import io.jenkins.plugins.orchestra.coordinator.Plan;
import io.jenkins.plugins.orchestra.coordinator.StageSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A journal written for a plan of another shape than the one asked to resume: its message names the plan the journal
 * was written for and the stages that were added, removed or changed since.
 */
public final class JournalMismatchException extends JournalException {
    private static final long serialVersionUID = 1L;

    private JournalMismatchException(String message) {
        super(message);
    }

    static JournalMismatchException of(Path file, JournalHeader journal, Plan plan) {
        List<String> now = plan.stages().stream().map(StageSpec::name).toList();
        boolean renamed = !journal.plan().equals(plan.name());
        return new JournalMismatchException("journal " + file + " was written for plan '" + journal.plan() + "'"
                + (renamed ? ", not for plan '" + plan.name() + "'" : " of another shape") + ": "
                + differences(journal.stages(), now, renamed)
                + "; start a new run, or resume with the plan the journal was written for");
    }

    private static String differences(List<String> was, List<String> now, boolean renamed) {
        List<String> added = new ArrayList<>(now);
        added.removeAll(was);
        List<String> removed = new ArrayList<>(was);
        removed.removeAll(now);
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("stages added: " + quoted(added));
        }
        if (!removed.isEmpty()) {
            parts.add("stages removed: " + quoted(removed));
        }
        if (parts.isEmpty() && !was.equals(now)) {
            parts.add("the same stages in another order (was " + quoted(was) + ")");
        }
        if (parts.isEmpty()) {
            parts.add(
                    renamed ? "the stages are the same" : "the same stages, but their needs or finally flags changed");
        }
        return String.join("; ", parts);
    }

    private static String quoted(List<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
