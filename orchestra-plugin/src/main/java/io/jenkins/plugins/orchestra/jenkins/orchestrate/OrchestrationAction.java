package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.orchestra.coordinator.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import jenkins.model.RunAction2;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerResponse2;
import org.kohsuke.stapler.interceptor.RequirePOST;
import org.kohsuke.stapler.verb.GET;

/**
 * The "Orchestration" page of a build, and the build's {@code orchestrate} blocks, saved in {@code build.xml}. The
 * page only routes: what it shows and does is {@link OrchestrationApi}'s. Reading needs Item/Read; approving and
 * rejecting are POSTs (with the crumb, which Jenkins checks on every POST) that the waiting {@code input} step
 * authorises.
 */
@Restricted(NoExternalUse.class)
public final class OrchestrationAction implements RunAction2 {
    private static final Object ATTACH = new Object();

    private CopyOnWriteArrayList<OrchestrationRecord> blocks = new CopyOnWriteArrayList<>();

    /** Set by {@link #onAttached} and {@link #onLoad}; not saved, it is the build that saves this. */
    private transient Run<?, ?> run;
    /** The coordinators of this build, rebuilt from {@link #blocks} on first use after a restart. */
    private transient Map<String, Orchestration> live = new ConcurrentHashMap<>();

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

    /** {@code GET …/orchestration/runs}: the RunView JSON of each block. */
    @GET
    public void doRuns(StaplerResponse2 rsp) throws IOException {
        run.checkPermission(Item.READ);
        rsp.setContentType("application/json;charset=UTF-8");
        rsp.getOutputStream().write(api().runs().getBytes(StandardCharsets.UTF_8));
    }

    /** {@code POST …/orchestration/approve?block=1&stage=prod}. */
    @RequirePOST
    public HttpResponse doApprove(@QueryParameter String block, @QueryParameter String stage)
            throws IOException, InterruptedException {
        run.checkPermission(Item.READ);
        return respond(api().approve(block, stage));
    }

    /** {@code POST …/orchestration/reject?block=1&stage=prod}. */
    @RequirePOST
    public HttpResponse doReject(@QueryParameter String block, @QueryParameter String stage)
            throws IOException, InterruptedException {
        run.checkPermission(Item.READ);
        return respond(api().reject(block, stage));
    }

    OrchestrationApi api() {
        return new OrchestrationApi(run, List.copyOf(blocks));
    }

    private static HttpResponse respond(OrchestrationApi.Outcome outcome) {
        return outcome.status() == 200
                ? HttpResponses.ok()
                : HttpResponses.errorWithoutStack(outcome.status(), outcome.message());
    }
}
