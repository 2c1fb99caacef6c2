package io.jenkins.plugins.orchestra.coordinator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One stage of a {@link Plan}, as the user asked for it. What the stage does is the host's business; the coordinator
 * only decides when it runs.
 *
 * @param name unique in the plan
 * @param needs the stages that must end before this one may start
 * @param when which outcomes of its needs let it run, and an optional predicate
 * @param retry how a failed attempt is retried ({@link RetryPolicy#NONE} for never)
 * @param timeout how long one attempt may run
 * @param failurePolicy what its failure does to the rest of the run
 * @param rollback whether the stage has a compensating action, run in reverse dependency order if the run fails after
 *     this stage succeeded
 * @param approval a gate of approvers in front of the stage
 * @param lock a resource that only one stage holds at a time
 * @param isFinally a stage that runs at the end of the run whatever happened, even after a halt
 * @param outputs names of the outputs the stage promises to publish; it fails if it ends without one of them
 */
public record StageSpec(
        String name,
        List<String> needs,
        When when,
        RetryPolicy retry,
        Optional<Duration> timeout,
        FailurePolicy failurePolicy,
        boolean rollback,
        Optional<ApprovalSpec> approval,
        Optional<String> lock,
        boolean isFinally,
        List<String> outputs) {

    static final int MAX_NAME_LENGTH = 200;

    public StageSpec {
        Objects.requireNonNull(needs, "needs");
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        Objects.requireNonNull(approval, "approval");
        Objects.requireNonNull(lock, "lock");
        Objects.requireNonNull(outputs, "outputs");
        Problems problems = new Problems();
        String nameProblem = nameProblem(name);
        if (nameProblem != null) {
            problems.add("name", nameProblem);
        }
        Set<String> seen = new HashSet<>();
        for (String need : needs) {
            if (need == null || need.isBlank()) {
                problems.add("needs", "must not contain a blank name");
            } else if (need.equals(name)) {
                problems.add("needs", "names the stage itself");
            } else if (!seen.add(need)) {
                problems.add("needs", "names '" + need + "' twice");
            }
        }
        if (timeout.isPresent() && (timeout.get().isNegative() || timeout.get().isZero())) {
            problems.add("timeout", "must be positive, was " + timeout.get());
        }
        if (lock.isPresent() && lock.get().isBlank()) {
            problems.add("lock", "must not be blank");
        }
        if (when.trigger() == When.Trigger.FAILURE && needs.isEmpty()) {
            problems.add(
                    "when",
                    "is 'failure' but the stage needs nothing; name the stages whose failure it handles in needs,"
                            + " or make it a finally stage");
        }
        Set<String> outputNames = new HashSet<>();
        for (String output : outputs) {
            if (output == null || output.isBlank()) {
                problems.add("outputs", "must not contain a blank name");
            } else if (!outputNames.add(output)) {
                problems.add("outputs", "names '" + output + "' twice");
            }
        }
        if (!problems.isEmpty()) {
            String stage = nameProblem == null ? name : null;
            throw new InvalidPlanException(
                    problems.list().stream().map(p -> p.inStage(stage)).toList());
        }
        needs = List.copyOf(needs);
        outputs = List.copyOf(outputs);
    }

    /** A stage that needs nothing and uses every default; refine it with {@link #builder(String)}. */
    public static StageSpec of(String name, String... needs) {
        return builder(name).needs(needs).build();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.needs.addAll(needs);
        b.when = when;
        b.retry = retry;
        b.timeout = timeout.orElse(null);
        b.failurePolicy = failurePolicy;
        b.rollback = rollback;
        b.approval = approval.orElse(null);
        b.lock = lock.orElse(null);
        b.isFinally = isFinally;
        b.outputs.addAll(outputs);
        return b;
    }

    static String nameProblem(String name) {
        if (name == null || name.isBlank()) {
            return "is required";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters, was " + name.length();
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters such as a new line";
        }
        if (!name.equals(name.strip())) {
            return "must not start or end with spaces, was '" + name + "'";
        }
        return null;
    }

    /** Builds a {@link StageSpec}; every field but the name is optional. */
    public static final class Builder {
        private final String name;
        private final List<String> needs = new ArrayList<>();
        private When when = When.SUCCESS;
        private RetryPolicy retry = RetryPolicy.NONE;
        private Duration timeout;
        private FailurePolicy failurePolicy = FailurePolicy.HALT_PIPELINE;
        private boolean rollback;
        private ApprovalSpec approval;
        private String lock;
        private boolean isFinally;
        private final List<String> outputs = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder needs(String... names) {
            needs.addAll(List.of(names));
            return this;
        }

        public Builder needs(List<String> names) {
            needs.addAll(names);
            return this;
        }

        public Builder when(When when) {
            this.when = when;
            return this;
        }

        public Builder when(When.Trigger trigger) {
            this.when = When.of(trigger);
            return this;
        }

        public Builder retry(RetryPolicy retry) {
            this.retry = retry;
            return this;
        }

        public Builder retry(int count, Duration backoff) {
            this.retry = RetryPolicy.of(count, backoff);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder failurePolicy(FailurePolicy policy) {
            this.failurePolicy = policy;
            return this;
        }

        public Builder rollback(boolean rollback) {
            this.rollback = rollback;
            return this;
        }

        public Builder approval(ApprovalSpec approval) {
            this.approval = approval;
            return this;
        }

        public Builder lock(String resource) {
            this.lock = resource;
            return this;
        }

        public Builder isFinally(boolean isFinally) {
            this.isFinally = isFinally;
            return this;
        }

        public Builder outputs(String... names) {
            outputs.addAll(List.of(names));
            return this;
        }

        public StageSpec build() {
            return new StageSpec(
                    name,
                    needs,
                    when,
                    retry,
                    Optional.ofNullable(timeout),
                    failurePolicy,
                    rollback,
                    Optional.ofNullable(approval),
                    Optional.ofNullable(lock),
                    isFinally,
                    outputs);
        }
    }
}
