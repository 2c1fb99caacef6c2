package io.jenkins.plugins.orchestra.jenkins.steps;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import hudson.scm.ChangeLogSet;
import io.jenkins.plugins.orchestra.notify.Outcome;
import io.jenkins.plugins.orchestra.notify.RunContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.scm.RunWithSCM;
import org.jenkinsci.plugins.workflow.actions.LabelAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * A build as a notification tells of it, read from the {@link Run} on the controller: the cheap reads; its stages come
 * from the flow graph ({@link NotifyRun}).
 */
@Restricted(NoExternalUse.class)
final class BuildFacts {
    private BuildFacts() {}

    /** The result so far: a running build that nothing has marked yet has none, which means success so far. */
    static Outcome status(Run<?, ?> run) {
        Result result = run.getResult();
        return result == null ? Outcome.SUCCESS : Outcome.parse(result.toString());
    }

    /** The result of the newest build before this one that has finished. */
    static Optional<Outcome> previous(Run<?, ?> run) {
        Run<?, ?> previous = run.getPreviousCompletedBuild();
        Result result = previous == null ? null : previous.getResult();
        return result == null ? Optional.empty() : Optional.of(Outcome.parse(result.toString()));
    }

    static Duration duration(Run<?, ?> run) {
        return Duration.ofMillis(Math.max(0, System.currentTimeMillis() - run.getStartTimeInMillis()));
    }

    /** The commits the build's checkouts brought, as the SCM plugins recorded them. */
    static List<RunContext.Change> changes(Run<?, ?> run) {
        List<RunContext.Change> changes = new ArrayList<>();
        if (run instanceof RunWithSCM<?, ?> scm) {
            for (ChangeLogSet<? extends ChangeLogSet.Entry> set : scm.getChangeSets()) {
                for (ChangeLogSet.Entry entry : set) {
                    String id = entry.getCommitId();
                    User author = entry.getAuthor();
                    changes.add(new RunContext.Change(
                            id == null ? "" : id, author == null ? "" : author.getFullName(), entry.getMsg()));
                }
            }
        }
        return changes;
    }

    /**
     * What a call is about when it does not say: where it is (its stage, its parallel branch), which call it is (its
     * flow node), and the result so far. Each call sends its own message, as Jenkins steps do; {@code event:} makes
     * calls that share it send once per build.
     */
    static String event(FlowNode node, Outcome status) {
        String stage = null;
        String branch = null;
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            ThreadNameAction thread = block.getPersistentAction(ThreadNameAction.class);
            LabelAction label = block.getPersistentAction(LabelAction.class);
            if (thread != null && branch == null) {
                branch = thread.getThreadName();
            } else if (thread == null && label != null && stage == null) {
                stage = label.getDisplayName();
            }
        }
        StringBuilder event = new StringBuilder(stage == null ? "pipeline" : stage);
        if (branch != null && !branch.equals(stage)) {
            event.append(" [").append(branch).append(']');
        }
        return event.append(" step ")
                .append(node.getId())
                .append(' ')
                .append(status.name())
                .toString();
    }
}
