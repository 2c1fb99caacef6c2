package io.jenkins.plugins.orchestra.jenkins.steps;

import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The optional parameters of {@link DeployStep}, one property each, as the Snippet Generator, Declarative's validator
 * and Configuration as Code see them. Values are kept as written; core checks them when the step starts.
 * Long by nature, and only getters and setters: a step parameter must be a {@code @DataBoundSetter} property (a getter
 * and a setter) for Declarative's validator, the Snippet Generator and {@code uninstantiate} to know it, and splitting
 * the properties across classes would only scatter one list.
 */
@Restricted(NoExternalUse.class)
public abstract class DeployOptions extends Step {
    private String artifact;
    private Object version;
    private String strategy;
    private Object batch;
    private Object maxParallel;
    private Object maxFailures;
    private Object canary;
    private Object pause;
    private Object approval;
    private Object healthCheck;
    private Object keep;
    private Object shared;
    private Map<String, Object> hooks;
    private Map<String, Object> lock;
    private boolean rollbackOnFailure = true;
    private boolean dryRun;
    private boolean rollback;

    /** Adds the options that are set to core's arguments. */
    final void putOptions(Map<String, Object> arguments) {
        StepArguments.put(arguments, "artifact", artifact);
        StepArguments.put(arguments, "version", version);
        StepArguments.put(arguments, "strategy", strategy);
        StepArguments.put(arguments, "batch", batch);
        StepArguments.put(arguments, "maxParallel", maxParallel);
        StepArguments.put(arguments, "maxFailures", maxFailures);
        StepArguments.put(arguments, "canary", canary);
        StepArguments.put(arguments, "pause", pause);
        StepArguments.put(arguments, "approval", approval);
        StepArguments.put(arguments, "healthCheck", healthCheck);
        StepArguments.put(arguments, "keep", keep);
        StepArguments.put(arguments, "shared", shared);
        StepArguments.put(arguments, "hooks", hooks);
        StepArguments.put(arguments, "lock", lock);
        StepArguments.put(arguments, "rollbackOnFailure", rollbackOnFailure ? null : false);
        StepArguments.put(arguments, "dryRun", dryRun ? true : null);
        StepArguments.put(arguments, "rollback", rollback ? true : null);
    }

    public String getArtifact() {
        return artifact;
    }

    @DataBoundSetter
    public void setArtifact(String artifact) {
        this.artifact = StepArguments.text(artifact);
    }

    public Object getVersion() {
        return version;
    }

    /** Text, or a number ({@code version: 42}), as core reads it. */
    @DataBoundSetter
    public void setVersion(Object version) {
        this.version = StepArguments.value(version);
    }

    public String getStrategy() {
        return strategy;
    }

    /** {@code all} is the default: kept as unset, so that the Snippet Generator leaves it out. */
    @DataBoundSetter
    public void setStrategy(String strategy) {
        String s = StepArguments.text(strategy);
        this.strategy = "all".equals(s) ? null : s;
    }

    public Object getBatch() {
        return batch;
    }

    @DataBoundSetter
    public void setBatch(Object batch) {
        this.batch = StepArguments.value(batch);
    }

    public Object getMaxParallel() {
        return maxParallel;
    }

    @DataBoundSetter
    public void setMaxParallel(Object maxParallel) {
        this.maxParallel = StepArguments.value(maxParallel);
    }

    public Object getMaxFailures() {
        return maxFailures;
    }

    @DataBoundSetter
    public void setMaxFailures(Object maxFailures) {
        this.maxFailures = StepArguments.value(maxFailures);
    }

    public Object getCanary() {
        return canary;
    }

    @DataBoundSetter
    public void setCanary(Object canary) {
        this.canary = StepArguments.value(canary);
    }

    public Object getPause() {
        return pause;
    }

    @DataBoundSetter
    public void setPause(Object pause) {
        this.pause = StepArguments.value(pause);
    }

    public Object getApproval() {
        return approval;
    }

    /** Refused when the step starts: see {@code DeployWork.APPROVAL}. Declared so that the refusal can say why. */
    @DataBoundSetter
    public void setApproval(Object approval) {
        this.approval = StepArguments.value(approval);
    }

    public Object getHealthCheck() {
        return healthCheck;
    }

    @DataBoundSetter
    public void setHealthCheck(Object healthCheck) {
        this.healthCheck = StepArguments.value(healthCheck);
    }

    public Object getKeep() {
        return keep;
    }

    @DataBoundSetter
    public void setKeep(Object keep) {
        this.keep = StepArguments.value(keep);
    }

    public Object getShared() {
        return shared;
    }

    @DataBoundSetter
    public void setShared(Object shared) {
        this.shared = StepArguments.value(shared);
    }

    public Map<String, Object> getHooks() {
        return StepArguments.view(hooks);
    }

    @DataBoundSetter
    public void setHooks(Map<String, Object> hooks) {
        this.hooks = StepArguments.map(hooks);
    }

    public Map<String, Object> getLock() {
        return StepArguments.view(lock);
    }

    @DataBoundSetter
    public void setLock(Map<String, Object> lock) {
        this.lock = StepArguments.map(lock);
    }

    public boolean isRollbackOnFailure() {
        return rollbackOnFailure;
    }

    @DataBoundSetter
    public void setRollbackOnFailure(boolean rollbackOnFailure) {
        this.rollbackOnFailure = rollbackOnFailure;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public boolean isRollback() {
        return rollback;
    }

    @DataBoundSetter
    public void setRollback(boolean rollback) {
        this.rollback = rollback;
    }
}
