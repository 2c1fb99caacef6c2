package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.stmt.Statement;

/** Reads {@code steps} blocks and {@code post} sections: the blocks of steps the runtime runs. */
final class StepsParser {
    private final ParseContext context;

    StepsParser(ParseContext context) {
        this.context = context;
    }

    /** A stage's {@code steps}; {@code path} is the block's place, e.g. {@code stages[0].steps}. */
    Optional<StepsBlock> steps(Call steps, String path) {
        if (!steps.hasBlock()) {
            context.problems.at(steps.at(), JenkinsMessages.expectedBlockFor("steps"));
            return Optional.empty();
        }
        List<Statement> statements = Call.statements(steps.block());
        Scripts scripts = new Scripts(path);
        if (statements.size() == 1) {
            Call only = Call.read(statements.get(0), context.problems);
            Map<String, ClosureExpression> branches = only == null ? null : parallelBranches(only);
            if (branches != null) {
                Map<String, List<StepCall>> parsed = new LinkedHashMap<>();
                branches.forEach((name, branch) -> parsed.put(name, list(branch, scripts)));
                StepCall parallel = new StepCall("parallel", only.at(), List.of(), Optional.empty(), parsed);
                return Optional.of(new StepsBlock(context.code(path, steps.block()), List.of(parallel)));
            }
        }
        return Optional.of(new StepsBlock(context.code(path, steps.block()), list(steps.block(), scripts)));
    }

    /**
     * The branches of {@code parallel(a: { … }, b: { … }, failFast: true)}, which Jenkins accepts as a stage's only
     * step; {@code null} for anything else.
     */
    private static Map<String, ClosureExpression> parallelBranches(Call call) {
        if (!"parallel".equals(call.name())
                || call.hasBlock()
                || !call.positional().isEmpty()) {
            return null;
        }
        Map<String, ClosureExpression> branches = new LinkedHashMap<>();
        for (Map.Entry<String, Expression> entry : call.named().entrySet()) {
            if (entry.getValue() instanceof ClosureExpression closure) {
                branches.put(entry.getKey(), closure);
            } else if (!entry.getKey().equals("failFast")
                    || !(entry.getValue() instanceof ConstantExpression constant
                            && constant.getValue() instanceof Boolean)) {
                return null;
            }
        }
        return branches.isEmpty() ? null : branches;
    }

    private List<StepCall> list(ClosureExpression block, Scripts scripts) {
        List<StepCall> steps = new ArrayList<>();
        for (Statement statement : Call.statements(block)) {
            Call call = Call.read(statement, context.problems);
            if (call == null) {
                context.problems.at(statement, JenkinsMessages.expectedStep());
            } else if (call.name() != null) {
                steps.add(step(call, scripts));
            }
        }
        return steps;
    }

    private StepCall step(Call call, Scripts scripts) {
        if (call.name().equals("script")) {
            if (!call.hasBlock()) {
                context.problems.at(call.at(), JenkinsMessages.stepWithoutBlock("Script"));
                return new StepCall("script", call.at(), List.of(), Optional.empty(), Map.of());
            }
            CodeBlock code = context.code(scripts.next(), call.block());
            return new StepCall("script", call.at(), List.of(), Optional.of(code), Map.of());
        }
        List<StepCall> children = call.hasBlock() ? list(call.block(), scripts) : List.of();
        return new StepCall(call.name(), call.at(), children, Optional.empty(), Map.of());
    }

    /** A {@code post} section; {@code path} is its place, e.g. {@code post} or {@code stages[1].post}. */
    PostModel post(Call post, String path) {
        Problems problems = context.problems;
        if (!post.hasBlock()) {
            problems.at(post.at(), JenkinsMessages.expectedBlock());
            return new PostModel(List.of(), post.at());
        }
        List<PostCondition> conditions = new ArrayList<>();
        for (Statement statement : Call.statements(post.block())) {
            Call condition = Call.read(statement, problems);
            if (condition == null || (condition.name() != null && !condition.hasBlock())) {
                problems.at(statement, JenkinsMessages.postOnlyConditions());
            } else if (condition.name() != null) {
                String conditionPath = path + "." + condition.name();
                conditions.add(new PostCondition(
                        condition.name(),
                        context.code(conditionPath, condition.block()),
                        list(condition.block(), new Scripts(conditionPath)),
                        condition.at()));
            }
        }
        if (conditions.isEmpty()) {
            problems.at(post.at(), JenkinsMessages.emptySection("post"));
        }
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (PostCondition condition : conditions) {
            if (!seen.add(condition.condition()) && reported.add(condition.condition())) {
                problems.at(post.at(), JenkinsMessages.duplicateBuildCondition(condition.condition()));
            }
        }
        return new PostModel(conditions, post.at());
    }

    /** Numbers the {@code script} blocks of one block of steps, nested ones included, in the order written. */
    private static final class Scripts {
        private final String path;
        private int count;

        Scripts(String path) {
            this.path = path;
        }

        String next() {
            return path + ".script[" + count++ + "]";
        }
    }
}
