package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The "Orchestration" page of a build, and the build's {@code orchestrate} blocks, saved in {@code build.xml}. The
 * page is the Orchestra dashboard ({@code index.jelly}); its endpoints only route ({@link DashboardRoutes}) to {@link
 * OrchestrationApi}. Reading needs Item/Read; answers are POSTs, which Jenkins refuses without the crumb, and the
 * waiting {@code input} step checks who may give them.
 */
@Restricted(NoExternalUse.class)
public final class OrchestrationAction implements RunAction2 {
    private static final Object ATTACH = new Object();

    private CopyOnWriteArrayList<OrchestrationRecord> blocks = new CopyOnWriteArrayList<>();

    /** Set by {@link #onAttached} and {@link #onLoad}; not saved, it is the build that saves this. */
    private transient Run<?, ?> run;
    /** The coordinators of this build, rebuilt from {@link #blocks} on first use after a restart. */
    private transient Map<String, Orchestration> live = new ConcurrentHashMap<>();

    private transient BuildView view;
    /** Stage name to the comment of an answer given on the page and not yet reported by the stage's branch. */
    private transient Map<String, String> comments = new ConcurrentHashMap<>();

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
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        run = r;
        live = new ConcurrentHashMap<>();
        comments = new ConcurrentHashMap<>();
        if (blocks == null) {
            blocks = new CopyOnWriteArrayList<>();
        }
    }

    /**
     * Starts a new block of this build; returns its id.
     *
     * @throws io.jenkins.plugins.orchestra.coordinator.InvalidPlanException before anything is recorded
     */
    synchronized String start(Map<?, ?> options, List<?> stages, TaskListener log) {
        String id = Integer.toString(blocks.size() + 1);
        String declaration = PlanJson.write("orchestrate-" + id, options, stages);
        Plan plan = PlanJson.read(declaration);
        log.getLogger().println(ProgressLog.summary(plan));
        OrchestrationRecord record = new OrchestrationRecord(id, declaration);
        blocks.add(record);
        live.put(id, Orchestration.start(run, record, plan, log));
        return id;
    }

    /**
     * The live block with this id, rebuilt from what the build saved if Jenkins restarted since it began; {@code log}
     * is where a rebuilt block says so.
     */
    Orchestration live(String id, TaskListener log) {
        return live.computeIfAbsent(id, k -> Orchestration.restore(run, record(k), log));
    }

    /** Rebuilds every block that had not finished when Jenkins stopped, arming its timers again ({@link ResumeTimers}). */
    void resumeUnfinished(TaskListener log) {
        for (OrchestrationRecord block : blocks) {
            if (!block.isFinished()) {
                live(block.id(), log);
            }
        }
    }

    private OrchestrationRecord record(String id) {
        return blocks.stream()
                .filter(b -> b.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("this build has no orchestrate block " + id));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-git-merge-outline plugin-ionicons-api";
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

    /** This build's RunView, made on first use and kept while the build is in memory. */
    synchronized BuildView view() {
        if (view == null) {
            view = new BuildView(run);
        }
        return view;
    }

    /** Keeps what an approver wrote on the page until the stage's branch reports the answer. */
    void comment(String stage, String text) {
        comments.put(stage, text);
    }

    String takeComment(String stage) {
        return comments.remove(stage);
    }
}
