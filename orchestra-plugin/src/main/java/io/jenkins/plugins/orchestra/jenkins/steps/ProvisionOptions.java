package io.jenkins.plugins.orchestra.jenkins.steps;

import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The optional parameters of {@link ProvisionStep}: those every tool takes, then Ansible's, Terraform's and OpenTofu's
 * and a script's, one property each, so that Declarative's validator and the Snippet Generator know every one of them.
 * Values are kept as written: core's tools check them when the step starts, naming the tool that does not take one.
 * Long by nature, and only getters and setters: a step parameter must be a {@code @DataBoundSetter} property (a getter
 * and a setter) for Declarative's validator, the Snippet Generator and {@code uninstantiate} to know it, and splitting
 * the properties across classes would only scatter one list.
 */
@Restricted(NoExternalUse.class)
public abstract class ProvisionOptions extends Step {
    private String dir;
    private Map<String, Object> env;
    private Map<String, Object> secretEnv;
    private Object timeout;
    private boolean dryRun;

    private String binary;
    private Object playbook;
    private Object inventory;
    private String limit;
    private Object tags;
    private Object skipTags;
    private Map<String, Object> extraVars;
    private Map<String, Object> secretVars;
    private Integer forks;
    private Boolean become;
    private String becomeUser;
    private Boolean check;
    private Boolean diff;
    private String vaultCredentials;
    private String sshCredentials;
    private String user;
    private String connection;
    private Object extraArgs;
    private String mode;
    private String workspace;
    private Object varFiles;
    private Map<String, Object> vars;
    private Object lockTimeout;
    private Map<String, Object> backendConfig;
    private Boolean init;
    private String planFile;
    private String planChecksum;
    private Object targets;
    private Boolean destroy;
    private Boolean refreshOnly;
    private Integer parallelism;
    private Boolean failOnDrift;
    private String script;
    private String dryRunScript;

    /** Adds the parameters that are set to core's arguments. */
    final void putOptions(Map<String, Object> arguments) {
        StepArguments.put(arguments, "dir", dir);
        StepArguments.put(arguments, "env", env);
        StepArguments.put(arguments, "secretEnv", secretEnv);
        StepArguments.put(arguments, "timeout", timeout);
        StepArguments.put(arguments, "dryRun", dryRun ? true : null);
        StepArguments.put(arguments, "binary", binary);
        StepArguments.put(arguments, "playbook", playbook);
        StepArguments.put(arguments, "inventory", inventory);
        StepArguments.put(arguments, "limit", limit);
        StepArguments.put(arguments, "tags", tags);
        StepArguments.put(arguments, "skipTags", skipTags);
        StepArguments.put(arguments, "extraVars", extraVars);
        StepArguments.put(arguments, "secretVars", secretVars);
        StepArguments.put(arguments, "forks", forks);
        StepArguments.put(arguments, "become", become);
        StepArguments.put(arguments, "becomeUser", becomeUser);
        StepArguments.put(arguments, "check", check);
        StepArguments.put(arguments, "diff", diff);
        StepArguments.put(arguments, "vaultCredentials", vaultCredentials);
        StepArguments.put(arguments, "sshCredentials", sshCredentials);
        StepArguments.put(arguments, "user", user);
        StepArguments.put(arguments, "connection", connection);
        StepArguments.put(arguments, "extraArgs", extraArgs);
        StepArguments.put(arguments, "mode", mode);
        StepArguments.put(arguments, "workspace", workspace);
        StepArguments.put(arguments, "varFiles", varFiles);
        StepArguments.put(arguments, "vars", vars);
        StepArguments.put(arguments, "lockTimeout", lockTimeout);
        StepArguments.put(arguments, "backendConfig", backendConfig);
        StepArguments.put(arguments, "init", init);
        StepArguments.put(arguments, "planFile", planFile);
        StepArguments.put(arguments, "planChecksum", planChecksum);
        StepArguments.put(arguments, "targets", targets);
        StepArguments.put(arguments, "destroy", destroy);
        StepArguments.put(arguments, "refreshOnly", refreshOnly);
        StepArguments.put(arguments, "parallelism", parallelism);
        StepArguments.put(arguments, "failOnDrift", failOnDrift);
        StepArguments.put(arguments, "script", script);
        StepArguments.put(arguments, "dryRunScript", dryRunScript);
    }

    public String getDir() {
        return dir;
    }

    @DataBoundSetter
    public void setDir(String dir) {
        this.dir = StepArguments.text(dir);
    }

    public Map<String, Object> getEnv() {
        return StepArguments.view(env);
    }

    @DataBoundSetter
    public void setEnv(Map<String, Object> env) {
        this.env = StepArguments.map(env);
    }

    public Map<String, Object> getSecretEnv() {
        return StepArguments.view(secretEnv);
    }

    @DataBoundSetter
    public void setSecretEnv(Map<String, Object> secretEnv) {
        this.secretEnv = StepArguments.map(secretEnv);
    }

    public Object getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Object timeout) {
        this.timeout = StepArguments.value(timeout);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public String getBinary() {
        return binary;
    }

    @DataBoundSetter
    public void setBinary(String binary) {
        this.binary = StepArguments.text(binary);
    }

    public Object getPlaybook() {
        return playbook;
    }

    @DataBoundSetter
    public void setPlaybook(Object playbook) {
        this.playbook = StepArguments.value(playbook);
    }

    public Object getInventory() {
        return inventory;
    }

    @DataBoundSetter
    public void setInventory(Object inventory) {
        this.inventory = StepArguments.value(inventory);
    }

    public String getLimit() {
        return limit;
    }

    @DataBoundSetter
    public void setLimit(String limit) {
        this.limit = StepArguments.text(limit);
    }

    public Object getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(Object tags) {
        this.tags = StepArguments.value(tags);
    }

    public Object getSkipTags() {
        return skipTags;
    }

    @DataBoundSetter
    public void setSkipTags(Object skipTags) {
        this.skipTags = StepArguments.value(skipTags);
    }

    public Map<String, Object> getExtraVars() {
        return StepArguments.view(extraVars);
    }

    @DataBoundSetter
    public void setExtraVars(Map<String, Object> extraVars) {
        this.extraVars = StepArguments.map(extraVars);
    }

    public Map<String, Object> getSecretVars() {
        return StepArguments.view(secretVars);
    }

    @DataBoundSetter
    public void setSecretVars(Map<String, Object> secretVars) {
        this.secretVars = StepArguments.map(secretVars);
    }

    public Integer getForks() {
        return forks;
    }

    @DataBoundSetter
    public void setForks(Integer forks) {
        this.forks = forks;
    }

    public Boolean getBecome() {
        return become;
    }

    @DataBoundSetter
    public void setBecome(Boolean become) {
        this.become = become;
    }

    public String getBecomeUser() {
        return becomeUser;
    }

    @DataBoundSetter
    public void setBecomeUser(String becomeUser) {
        this.becomeUser = StepArguments.text(becomeUser);
    }

    public Boolean getCheck() {
        return check;
    }

    @DataBoundSetter
    public void setCheck(Boolean check) {
        this.check = check;
    }

    public Boolean getDiff() {
        return diff;
    }

    @DataBoundSetter
    public void setDiff(Boolean diff) {
        this.diff = diff;
    }

    public String getVaultCredentials() {
        return vaultCredentials;
    }

    @DataBoundSetter
    public void setVaultCredentials(String vaultCredentials) {
        this.vaultCredentials = StepArguments.text(vaultCredentials);
    }

    public String getSshCredentials() {
        return sshCredentials;
    }

    @DataBoundSetter
    public void setSshCredentials(String sshCredentials) {
        this.sshCredentials = StepArguments.text(sshCredentials);
    }

    public String getUser() {
        return user;
    }

    @DataBoundSetter
    public void setUser(String user) {
        this.user = StepArguments.text(user);
    }

    public String getConnection() {
        return connection;
    }

    @DataBoundSetter
    public void setConnection(String connection) {
        this.connection = StepArguments.text(connection);
    }

    public Object getExtraArgs() {
        return extraArgs;
    }

    @DataBoundSetter
    public void setExtraArgs(Object extraArgs) {
        this.extraArgs = StepArguments.value(extraArgs);
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = StepArguments.text(mode);
    }

    public String getWorkspace() {
        return workspace;
    }

    @DataBoundSetter
    public void setWorkspace(String workspace) {
        this.workspace = StepArguments.text(workspace);
    }

    public Object getVarFiles() {
        return varFiles;
    }

    @DataBoundSetter
    public void setVarFiles(Object varFiles) {
        this.varFiles = StepArguments.value(varFiles);
    }

    public Map<String, Object> getVars() {
        return StepArguments.view(vars);
    }

    @DataBoundSetter
    public void setVars(Map<String, Object> vars) {
        this.vars = StepArguments.map(vars);
    }

    public Object getLockTimeout() {
        return lockTimeout;
    }

    @DataBoundSetter
    public void setLockTimeout(Object lockTimeout) {
        this.lockTimeout = StepArguments.value(lockTimeout);
    }

    public Map<String, Object> getBackendConfig() {
        return StepArguments.view(backendConfig);
    }

    @DataBoundSetter
    public void setBackendConfig(Map<String, Object> backendConfig) {
        this.backendConfig = StepArguments.map(backendConfig);
    }

    public Boolean getInit() {
        return init;
    }

    @DataBoundSetter
    public void setInit(Boolean init) {
        this.init = init;
    }

    public String getPlanFile() {
        return planFile;
    }

    @DataBoundSetter
    public void setPlanFile(String planFile) {
        this.planFile = StepArguments.text(planFile);
    }

    public String getPlanChecksum() {
        return planChecksum;
    }

    @DataBoundSetter
    public void setPlanChecksum(String planChecksum) {
        this.planChecksum = StepArguments.text(planChecksum);
    }

    public Object getTargets() {
        return targets;
    }

    @DataBoundSetter
    public void setTargets(Object targets) {
        this.targets = StepArguments.value(targets);
    }

    public Boolean getDestroy() {
        return destroy;
    }

    @DataBoundSetter
    public void setDestroy(Boolean destroy) {
        this.destroy = destroy;
    }

    public Boolean getRefreshOnly() {
        return refreshOnly;
    }

    @DataBoundSetter
    public void setRefreshOnly(Boolean refreshOnly) {
        this.refreshOnly = refreshOnly;
    }

    public Integer getParallelism() {
        return parallelism;
    }

    @DataBoundSetter
    public void setParallelism(Integer parallelism) {
        this.parallelism = parallelism;
    }

    public Boolean getFailOnDrift() {
        return failOnDrift;
    }

    @DataBoundSetter
    public void setFailOnDrift(Boolean failOnDrift) {
        this.failOnDrift = failOnDrift;
    }

    public String getScript() {
        return script;
    }

    @DataBoundSetter
    public void setScript(String script) {
        this.script = StepArguments.text(script);
    }

    public String getDryRunScript() {
        return dryRunScript;
    }

    @DataBoundSetter
    public void setDryRunScript(String dryRunScript) {
        this.dryRunScript = StepArguments.text(dryRunScript);
    }
}
