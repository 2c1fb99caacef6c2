package io.jenkins.plugins.orchestra.coordinator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns what a user wrote in {@code orchestrate(…) { stage(…) {…} … }} into a validated {@link Plan}, reporting every
 * problem at once.
 *
 * <p>Plan options ({@code orchestrate(maxParallel: 4, failFast: true)}):
 *
 * <ul>
 *   <li>{@code maxParallel}: how many stages may run at once, a whole number from 1 (default: no limit)
 *   <li>{@code failFast}: {@code true} or {@code false} (default {@code false})
 * </ul>
 *
 * <p>Stage arguments ({@code stage('deploy', needs: ['db'], retry: 2) {…}}), all optional:
 *
 * <ul>
 *   <li>{@code needs}: a stage name or a list of them
 *   <li>{@code when}: {@code 'success'}, {@code 'failure'} or {@code 'always'}; or a map {@code [trigger: 'failure',
 *       condition: …]} where either key may be left out (the condition arrives as its source text)
 *   <li>{@code retry}: a whole number of retries, which then follow each other at once; or a map {@code [count: 3,
 *       backoff: '10s', maxBackoff: '5m', multiplier: 2, jitter: 0.1, on: ['error', 'timeout']]} where only
 *       {@code count} is required ({@code on} is one failure kind or a list; it defaults to error, timeout and
 *       infrastructure)
 *   <li>{@code timeout}: a duration such as {@code '30s'}, {@code '5m'}, {@code '1h30m'}, {@code 'PT10S'}, or a whole
 *       number of seconds
 *   <li>{@code failurePolicy}: {@code 'haltPipeline'} (default), {@code 'haltBranch'} or {@code 'ignore'}
 *   <li>{@code rollback}: a closure, {@code true} or {@code false}
 *   <li>{@code approval}: {@code true} (anyone may approve), a message for the approvers, or a map {@code [approvers:
 *       ['alice', 'bob'], quorum: 2, timeout: '1h', onTimeout: 'reject', message: 'Ship it?']} ({@code onTimeout} is
 *       {@code 'reject'}, {@code 'skip'} or {@code 'approve'})
 *   <li>{@code lock}: the name of a resource only one stage may hold at a time
 *   <li>{@code finally}: {@code true} for a stage that runs at the end whatever happened
 *   <li>{@code outputs}: an output name or a list of them
 * </ul>
 *
 * <p>Problems come in the order of the Jenkinsfile: the plan options, then each stage's problems (its name first), then
 * the problems of the graph as a whole (unknown needs, cycles) among the stages whose names are usable. A need naming a
 * stage that is declared but has other problems is not reported as unknown. Each problem names its stage, field,
 * Jenkinsfile line and the value at fault, on one line.
 *
 * <p>The {@code check…} methods are the validators the parser applies to single values, for form validation such as
 * the Snippet Generator's {@code doCheckX}.
 */
public final class PlanParser {
    static final List<String> OPTIONS = List.of("maxParallel", "failFast");
    static final List<String> STAGE_ARGUMENTS = List.of(
            "needs", "when", "retry", "timeout", "failurePolicy", "rollback", "approval", "lock", "finally", "outputs");
    static final List<String> WHEN_ARGUMENTS = List.of("trigger", "condition");
    static final List<String> RETRY_ARGUMENTS = List.of("count", "backoff", "maxBackoff", "multiplier", "jitter", "on");
    static final List<String> APPROVAL_ARGUMENTS = List.of("approvers", "quorum", "timeout", "onTimeout", "message");

    private static final double DEFAULT_MULTIPLIER = 2.0;

    private PlanParser() {}

    /**
     * Builds the plan the user declared.
     *
     * @param planName what the plan is called in summaries and journals
     * @param options the named arguments of {@code orchestrate(…)}, or {@code null} for none
     * @param stages the {@code stage(…)} calls in the order written
     * @throws InvalidPlanException listing every problem found, in Jenkinsfile order
     */
    public static Plan parse(String planName, Map<String, ?> options, List<StageDeclaration> stages) {
        Objects.requireNonNull(stages, "stages");
        Arguments plan = new Arguments();
        if (planName == null || planName.isBlank()) {
            plan.problem("name", "is required");
        }
        int maxParallel = Plan.UNLIMITED;
        boolean failFast = false;
        for (Map.Entry<?, ?> option : entries(options)) {
            String key = String.valueOf(option.getKey());
            Object value = option.getValue();
            if (key.equals("maxParallel")) {
                maxParallel = plan.count("maxParallel", value).orElse(Plan.UNLIMITED);
            } else if (key.equals("failFast")) {
                failFast = plan.bool("failFast", value).orElse(false);
            } else {
                plan.unknown(key, key, OPTIONS, "an orchestrate option");
            }
        }
        if (stages.isEmpty()) {
            plan.problem("stages", "must contain at least one stage");
        }
        List<Problem> problems = new ArrayList<>(plan.problems());

        List<ParsedStage> parsed = new ArrayList<>(stages.size());
        Map<String, ParsedStage> byName = new LinkedHashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < stages.size(); i++) {
            ParsedStage stage = parseStage(stages.get(i));
            parsed.add(stage);
            if (stage.usableName()) {
                ParsedStage earlier = byName.putIfAbsent(stage.name(), stage);
                positions.putIfAbsent(stage.name(), i + 1);
                if (earlier != null) {
                    stage.problems().add(0, duplicate(stage, earlier, positions.get(stage.name()), i + 1));
                }
            }
            problems.addAll(stage.problems());
        }
        problems.addAll(graphProblems(parsed, byName));

        if (!problems.isEmpty()) {
            throw new InvalidPlanException(
                    problems.stream().map(PlanParser::oneLine).toList());
        }
        List<StageSpec> specs = parsed.stream().map(ParsedStage::spec).toList();
        return new Plan(planName, specs, maxParallel, failFast);
    }

    /**
     * Checks a stage name.
     *
     * @return the problem, such as {@code name must be at most 200 characters, was 250}, or empty if the name is fine
     */
    public static Optional<String> checkStageName(String name) {
        return Optional.ofNullable(StageSpec.nameProblem(name))
                .map(message -> oneLine(Problem.ofField("name", message)).toString());
    }

    /**
     * Checks a timeout: a duration string ({@code '30s'}, {@code '1h30m'}, {@code 'PT10S'}) or a whole number of
     * seconds, which must be positive.
     *
     * @param field the field to name in the message, such as {@code timeout} or {@code approval.timeout}
     * @return the problem, such as {@code timeout must be positive, was '0s'}, or empty if the value is fine
     */
    public static Optional<String> checkDuration(String field, Object value) {
        Arguments check = new Arguments();
        check.duration(field, value, false);
        return firstProblem(check);
    }

    /**
     * Checks a count such as {@code retry.count}, {@code approval.quorum} or {@code maxParallel}: a whole number from 1.
     * Text typed into a form is not a number; convert it first.
     *
     * @return the problem, such as {@code retry.count must be at least 1, was 0}, or empty if the value is fine
     */
    public static Optional<String> checkCount(String field, Object value) {
        Arguments check = new Arguments();
        check.count(field, value);
        return firstProblem(check);
    }

    private static Optional<String> firstProblem(Arguments check) {
        return check.problems().stream().findFirst().map(p -> oneLine(p).toString());
    }

    private static ParsedStage parseStage(StageDeclaration declaration) {
        Arguments args = new Arguments();
        String nameProblem = StageSpec.nameProblem(declaration.name());
        if (nameProblem != null) {
            args.problem("name", nameProblem);
        }
        StageSpec.Builder builder = StageSpec.builder(declaration.name());
        List<String> needs = List.of();
        boolean needsRead = true;
        Boolean isFinally = false;
        for (Map.Entry<?, ?> argument : declaration.arguments().entrySet()) {
            String key = String.valueOf(argument.getKey());
            Object value = argument.getValue();
            switch (key) {
                case "needs" -> {
                    Optional<List<String>> read = args.names("needs", value, "a stage name or a list of stage names");
                    needsRead = read.isPresent();
                    needs = read.orElse(List.of());
                    builder.needs(needs);
                }
                case "when" -> when(value, args).ifPresent(builder::when);
                case "retry" -> retry(value, args).ifPresent(builder::retry);
                case "timeout" -> args.duration("timeout", value, false).ifPresent(builder::timeout);
                case "failurePolicy" ->
                    args.text("failurePolicy", value, "haltPipeline, haltBranch or ignore")
                            .flatMap(text -> args.attempt(() -> FailurePolicy.fromUserName("failurePolicy", text)))
                            .ifPresent(builder::failurePolicy);
                case "rollback" -> rollback(value, args).ifPresent(builder::rollback);
                case "approval" -> approval(value, args).ifPresent(builder::approval);
                case "lock" -> args.text("lock", value, "the name of a lock").ifPresent(builder::lock);
                case "finally" -> {
                    isFinally = args.bool("finally", value).orElse(null);
                    builder.isFinally(Boolean.TRUE.equals(isFinally));
                }
                case "outputs" ->
                    args.names("outputs", value, "an output name or a list of output names")
                            .ifPresent(outputs -> builder.outputs(outputs.toArray(String[]::new)));
                default -> args.unknown(key, key, STAGE_ARGUMENTS, "a stage argument");
            }
        }
        // Build even after a problem, for the checks across fields; drop what repeats or follows from a problem above.
        Arguments built = new Arguments();
        StageSpec spec = built.attempt(builder::build).orElse(null);
        for (Problem p : built.problems()) {
            if (!"name".equals(p.field()) && (needsRead || !"when".equals(p.field()))) {
                args.problems().add(p);
            }
        }
        String stage = nameProblem == null ? declaration.name() : null;
        List<Problem> problems = new ArrayList<>();
        for (Problem p : args.problems()) {
            problems.add(p.inStage(stage).atLine(declaration.line()));
        }
        return new ParsedStage(
                declaration,
                nameProblem == null,
                problems.isEmpty() ? spec : null,
                needsRead ? needs : null,
                isFinally,
                problems);
    }

    private static Optional<When> when(Object value, Arguments args) {
        if (value instanceof CharSequence) {
            return args.attempt(() -> When.of(When.Trigger.fromUserName("when", value.toString())));
        }
        if (!(value instanceof Map)) {
            args.problem(
                    "when",
                    "must be success, failure or always, or a map such as [trigger: 'failure', condition: …], was "
                            + Arguments.describe(value));
            return Optional.empty();
        }
        int before = args.count();
        When.Trigger trigger = When.Trigger.SUCCESS;
        Optional<String> condition = Optional.empty();
        for (Map.Entry<?, ?> entry : entries((Map<?, ?>) value)) {
            String key = String.valueOf(entry.getKey());
            Object v = entry.getValue();
            switch (key) {
                case "trigger" ->
                    trigger = args.text("when.trigger", v, "success, failure or always")
                            .flatMap(text -> args.attempt(() -> When.Trigger.fromUserName("when.trigger", text)))
                            .orElse(trigger);
                case "condition" -> condition = args.text("when.condition", v, "the condition's source text");
                default -> args.unknown("when." + key, key, WHEN_ARGUMENTS, "a when argument");
            }
        }
        if (args.count() > before) {
            return Optional.empty();
        }
        When.Trigger t = trigger;
        Optional<String> c = condition;
        return args.attempt(() -> new When(t, c));
    }

    private static Optional<RetryPolicy> retry(Object value, Arguments args) {
        if (!(value instanceof Map)) {
            if (value instanceof Number) {
                return args.count("retry", value).map(count -> RetryPolicy.of(count, Duration.ZERO));
            }
            args.problem(
                    "retry",
                    "must be a whole number or a map such as [count: 3, backoff: '10s'], was "
                            + Arguments.describe(value));
            return Optional.empty();
        }
        int before = args.count();
        boolean countGiven = false;
        int count = 0;
        Duration backoff = Duration.ZERO;
        Duration maxBackoff = null;
        double multiplier = DEFAULT_MULTIPLIER;
        double jitter = 0;
        Set<FailureKind> on = RetryPolicy.DEFAULT_ON;
        for (Map.Entry<?, ?> entry : entries((Map<?, ?>) value)) {
            String key = String.valueOf(entry.getKey());
            Object v = entry.getValue();
            switch (key) {
                case "count" -> {
                    countGiven = true;
                    count = args.count("retry.count", v).orElse(0);
                }
                case "backoff" ->
                    backoff = args.duration("retry.backoff", v, true).orElse(backoff);
                case "maxBackoff" ->
                    maxBackoff = args.duration("retry.maxBackoff", v, true).orElse(null);
                case "multiplier" ->
                    multiplier = args.number("retry.multiplier", v).orElse(multiplier);
                case "jitter" -> jitter = args.number("retry.jitter", v).orElse(jitter);
                case "on" -> on = failureKinds(v, args).orElse(on);
                default -> args.unknown("retry." + key, key, RETRY_ARGUMENTS, "a retry argument");
            }
        }
        if (!countGiven) {
            args.problem("retry.count", "is required when retry is a map, such as [count: 3, backoff: '10s']");
        }
        if (args.count() > before) {
            return Optional.empty();
        }
        int c = count;
        Duration b = backoff;
        Duration max = maxBackoff != null ? maxBackoff : longer(backoff, RetryPolicy.DEFAULT_MAX_BACKOFF);
        double m = multiplier;
        double j = jitter;
        Set<FailureKind> o = on;
        return args.attempt(() -> new RetryPolicy(c, b, max, m, j, o));
    }

    private static Optional<Set<FailureKind>> failureKinds(Object value, Arguments args) {
        Optional<List<String>> names =
                args.names("retry.on", value, "a failure kind or a list of them (error, timeout, infrastructure)");
        if (names.isEmpty()) {
            return Optional.empty();
        }
        Set<FailureKind> kinds = EnumSet.noneOf(FailureKind.class);
        boolean ok = true;
        for (String name : names.get()) {
            Optional<FailureKind> kind = args.attempt(() -> FailureKind.fromUserName("retry.on", name));
            kind.ifPresent(kinds::add);
            ok &= kind.isPresent();
        }
        return ok ? Optional.of(kinds) : Optional.empty();
    }

    private static Optional<Boolean> rollback(Object value, Arguments args) {
        if (value instanceof Boolean) {
            return Optional.of((Boolean) value);
        }
        // The glue passes a marker object for a closure; plain data here is a mistake.
        if (value == null
                || value instanceof CharSequence
                || value instanceof Number
                || value instanceof Map
                || value instanceof List) {
            args.problem("rollback", "must be a closure, true or false, was " + Arguments.describe(value));
            return Optional.empty();
        }
        return Optional.of(true);
    }

    private static Optional<ApprovalSpec> approval(Object value, Arguments args) {
        if (Boolean.TRUE.equals(value)) {
            return Optional.of(ApprovalSpec.anyone());
        }
        if (Boolean.FALSE.equals(value)) {
            return Optional.empty();
        }
        if (value instanceof CharSequence) {
            return Optional.of(
                    new ApprovalSpec(List.of(), 1, Optional.empty(), ApprovalSpec.OnTimeout.REJECT, value.toString()));
        }
        if (!(value instanceof Map)) {
            args.problem(
                    "approval",
                    "must be true, false, a message or a map such as [approvers: ['alice', 'bob'], quorum: 1], was "
                            + Arguments.describe(value));
            return Optional.empty();
        }
        int before = args.count();
        List<String> approvers = List.of();
        int quorum = 1;
        Optional<Duration> timeout = Optional.empty();
        ApprovalSpec.OnTimeout onTimeout = ApprovalSpec.OnTimeout.REJECT;
        String message = null;
        for (Map.Entry<?, ?> entry : entries((Map<?, ?>) value)) {
            String key = String.valueOf(entry.getKey());
            Object v = entry.getValue();
            switch (key) {
                case "approvers" ->
                    approvers = args.names("approval.approvers", v, "a user name or a list of user names")
                            .orElse(approvers);
                case "quorum" -> quorum = args.count("approval.quorum", v).orElse(quorum);
                case "timeout" -> timeout = args.duration("approval.timeout", v, false);
                case "onTimeout" ->
                    onTimeout = args.text("approval.onTimeout", v, "reject, skip or approve")
                            .flatMap(text ->
                                    args.attempt(() -> ApprovalSpec.OnTimeout.fromUserName("approval.onTimeout", text)))
                            .orElse(onTimeout);
                case "message" ->
                    message = args.text("approval.message", v, "text").orElse(null);
                default -> args.unknown("approval." + key, key, APPROVAL_ARGUMENTS, "an approval argument");
            }
        }
        if (args.count() > before) {
            return Optional.empty();
        }
        List<String> a = approvers;
        int q = quorum;
        Optional<Duration> t = timeout;
        ApprovalSpec.OnTimeout o = onTimeout;
        String m = message;
        return args.attempt(() -> new ApprovalSpec(a, q, t, o, m));
    }

    /**
     * Unknown needs, misplaced finally stages and cycles among the stages with usable names. Each stage takes part
     * with the needs it declared, even when another of its arguments has a problem, so that a need naming it is not
     * reported as unknown.
     */
    private static List<Problem> graphProblems(List<ParsedStage> parsed, Map<String, ParsedStage> byName) {
        if (byName.isEmpty()) {
            return List.of();
        }
        Set<String> unusable = new HashSet<>();
        Set<String> finallyStages = new HashSet<>();
        for (ParsedStage stage : parsed) {
            if (!stage.usableName() && stage.name() != null) {
                unusable.add(stage.name());
            }
        }
        for (ParsedStage stage : byName.values()) {
            if (Boolean.TRUE.equals(stage.isFinally())) {
                finallyStages.add(stage.name());
            }
        }
        List<StageSpec> shapes = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        for (ParsedStage stage : byName.values()) {
            List<String> needs = new ArrayList<>();
            for (String need : stage.needs() == null ? List.<String>of() : stage.needs()) {
                boolean declaredButUnusable = unusable.contains(need);
                // Whether a stage whose finally could not be read may need a finally stage is unknowable.
                boolean finallyUnknown = stage.isFinally() == null && finallyStages.contains(need);
                if (need != null
                        && !need.isBlank()
                        && !need.equals(stage.name())
                        && !needs.contains(need)
                        && !declaredButUnusable
                        && !finallyUnknown) {
                    needs.add(need);
                }
            }
            shapes.add(StageSpec.builder(stage.name())
                    .needs(needs)
                    .isFinally(Boolean.TRUE.equals(stage.isFinally()))
                    .build());
            lines.put(stage.name(), stage.declaration().line());
        }
        try {
            new Plan("graph", shapes, Plan.UNLIMITED, false);
            return List.of();
        } catch (InvalidPlanException e) {
            return e.problems().stream()
                    .map(p -> p.atLine(lines.getOrDefault(p.stage(), 0)))
                    .toList();
        }
    }

    private static Problem duplicate(ParsedStage stage, ParsedStage earlier, int earlierIndex, int index) {
        int earlierLine = earlier.declaration().line();
        String message = earlierLine > 0 && stage.declaration().line() > 0
                ? "is already used by the stage on line " + earlierLine
                : "is used by more than one stage (stages " + earlierIndex + " and " + index + ")";
        return new Problem(stage.name(), "name", message, stage.declaration().line());
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Iterable<? extends Map.Entry<?, ?>> entries(Map<?, ?> map) {
        return map == null ? List.of() : map.entrySet();
    }

    /** Values the user wrote may hold line breaks; a problem must stay on one line. */
    private static Problem oneLine(Problem p) {
        return new Problem(
                p.stage(),
                p.field() == null ? null : Arguments.oneLine(p.field()),
                Arguments.oneLine(p.message()),
                p.line());
    }

    /** A declaration after parsing: what could be read of it, for the checks across stages. */
    private record ParsedStage(
            StageDeclaration declaration,
            boolean usableName,
            StageSpec spec, // null if the stage has a problem
            List<String> needs, // null if needs could not be read
            Boolean isFinally, // null if finally could not be read
            List<Problem> problems) {
        String name() {
            return declaration.name();
        }
    }
}
