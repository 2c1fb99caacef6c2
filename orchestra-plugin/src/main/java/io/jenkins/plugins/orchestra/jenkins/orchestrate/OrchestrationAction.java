package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Item;
import hudson.model.Run;
import io.jenkins.plugins.orchestra.view.RunViewFold;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The "Orchestration" page of a build, and the build's {@code orchestrate} blocks and automation steps' results, saved
 * in {@code build.xml}. The page is the Orchestra dashboard ({@code index.jelly}); its endpoints only route ({@link
 * DashboardRoutes}) to {@link OrchestrationApi}. Reading needs Item/Read; answers are POSTs, which Jenkins refuses
 * without the crumb, and the waiting {@code input} step checks who may give them.
 */
@Restricted(NoExternalUse.class)
public final class OrchestrationAction implements RunAction2 {
    private static final Object ATTACH = new Object();

    private CopyOnWriteArrayList<OrchestrationRecord> blocks = new CopyOnWriteArrayList<>();
    /** What the build's {@code deploy}, {@code provision} and {@code notify} calls ended with, in that order. */
    private CopyOnWriteArrayList<AutomationEntry> automation = new CopyOnWriteArrayList<>();

    /** Set by {@link #onAttached} and {@link #onLoad}; not saved, it is the build that saves this. */
    private transient Run<?, ?> run;
    /** The coordinators of {@link #blocks}, made again after a restart. */
    private transient LiveBlocks live;

    private transient BuildView view;

    /** The build's action, added on first use. */
    static OrchestrationAction of(Run<?, ?> run) {
        synchronized (ATTACH) {
            OrchestrationAction action = run.getAction(OrchestrationAction.class);
            if (action == null) {
                action = new OrchestrationAction();
                run.addAction(action);
            }
            return action;
        }
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        run = r;
        live = new LiveBlocks(r, blocks);
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        if (blocks == null) {
            blocks = new CopyOnWriteArrayList<>();
        }
        if (automation == null) {
            automation = new CopyOnWriteArrayList<>();
        }
        run = r;
        live = new LiveBlocks(r, blocks);
    }

    /** The coordinators of this build's blocks: start one, find one, rebuild them after a restart. */
    LiveBlocks coordinators() {
        return live;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    /** No link for a build that ran automation steps but no {@code orchestrate} block (yet). */
    @Override
    public String getIconFileName() {
        return ranOrchestrate() ? "symbol-git-merge-outline plugin-ionicons-api" : null;
    }

    boolean ranOrchestrate() {
        return !blocks.isEmpty();
    }

    @Override
    public String getDisplayName() {
        return "Orchestration";
    }

    @Override
    public String getUrlName() {
        return "orchestration";
    }

    /** What {@code index.jelly} and {@code runs.jelly} load and tell the dashboard. */
    public DashboardPage getPage() {
        return DashboardPage.current();
    }

    /** {@code …/orchestration/api/…}: the endpoints of the dashboard's openapi.yaml, for the job's builds. */
    public void doApi(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, InterruptedException {
        run.checkPermission(Item.READ);
        DashboardRoutes.serve(new OrchestrationApi(run.getParent()), req, rsp);
    }

    /** The blocks as saved so far. */
    List<OrchestrationRecord> blocks() {
        return List.copyOf(blocks);
    }

    void recorded(AutomationEntry entry) {
        automation.add(entry);
    }

    /** This build's RunView, made on first use and kept while the build is in memory. */
    synchronized BuildView view() {
        if (view == null) {
            view = new BuildView(run);
        }
        return view;
    }

    /** The fold of this build's RunView, with all that was saved so far folded in. */
    RunViewFold folded() {
        return view().current(blocks(), List.copyOf(automation));
    }
}
