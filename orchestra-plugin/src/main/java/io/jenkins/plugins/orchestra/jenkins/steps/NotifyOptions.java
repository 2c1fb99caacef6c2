package io.jenkins.plugins.orchestra.jenkins.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The optional parameters of {@link NotifyStep}: what the message is about ({@code event}, {@code version},
 * {@code target}), the policy settings every channel takes, {@code to} for an email, and {@code settings} for any
 * other setting of the channel's kind. Values are kept as written; core checks them when the step starts.
 * Long by nature, and only getters and setters: a step parameter must be a {@code @DataBoundSetter} property (a getter
 * and a setter) for Declarative's validator, the Snippet Generator and {@code uninstantiate} to know it, and splitting
 * the properties across classes would only scatter one list.
 */
@Restricted(NoExternalUse.class)
public abstract class NotifyOptions extends Step {
    private String event;
    private Object version;
    private String target;
    private Object when;
    private String message;
    private String title;
    private Boolean required;
    private Object retries;
    private Object backoff;
    private Object timeout;
    private Object logLines;
    private Object to;
    private Map<String, Object> settings;

    /** The call's settings over the channel's own, as core's {@code NotifyRequest} takes them. */
    final Map<String, Object> callSettings() {
        Map<String, Object> call = new LinkedHashMap<>();
        if (this.settings != null) {
            this.settings.forEach((k, v) -> StepArguments.put(call, k, v));
        }
        StepArguments.put(call, "when", when);
        StepArguments.put(call, "message", message);
        StepArguments.put(call, "required", required);
        StepArguments.put(call, "retries", retries);
        StepArguments.put(call, "backoff", backoff);
        StepArguments.put(call, "timeout", timeout);
        StepArguments.put(call, "logLines", logLines);
        StepArguments.put(call, "to", to);
        if (title != null) {
            call.put("title", title);
        }
        return call;
    }

    public String getEvent() {
        return event;
    }

    @DataBoundSetter
    public void setEvent(String event) {
        this.event = StepArguments.text(event);
    }

    public Object getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(Object version) {
        this.version = StepArguments.value(version);
    }

    public String getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(String target) {
        this.target = StepArguments.text(target);
    }

    public Object getWhen() {
        return when;
    }

    @DataBoundSetter
    public void setWhen(Object when) {
        this.when = StepArguments.value(when);
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = StepArguments.text(message);
    }

    public String getTitle() {
        return title;
    }

    /** Kept as written: {@code title: ''} asks for no title, as in the runner. */
    @DataBoundSetter
    public void setTitle(String title) {
        this.title = title;
    }

    public Boolean getRequired() {
        return required;
    }

    /** {@code false} is the default: kept as unset, so that the Snippet Generator leaves it out. */
    @DataBoundSetter
    public void setRequired(Boolean required) {
        this.required = Boolean.TRUE.equals(required) ? Boolean.TRUE : null;
    }

    public Object getRetries() {
        return retries;
    }

    @DataBoundSetter
    public void setRetries(Object retries) {
        this.retries = StepArguments.value(retries);
    }

    public Object getBackoff() {
        return backoff;
    }

    @DataBoundSetter
    public void setBackoff(Object backoff) {
        this.backoff = StepArguments.value(backoff);
    }

    public Object getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(Object timeout) {
        this.timeout = StepArguments.value(timeout);
    }

    public Object getLogLines() {
        return logLines;
    }

    @DataBoundSetter
    public void setLogLines(Object logLines) {
        this.logLines = StepArguments.value(logLines);
    }

    public Object getTo() {
        return to;
    }

    @DataBoundSetter
    public void setTo(Object to) {
        this.to = StepArguments.value(to);
    }

    public Map<String, Object> getSettings() {
        return StepArguments.view(settings);
    }

    /** Any other setting of the channel's kind ({@code cc}, Slack's {@code username}, …), over the channel's own. */
    @DataBoundSetter
    public void setSettings(Map<String, Object> settings) {
        this.settings = StepArguments.map(settings);
    }
}
