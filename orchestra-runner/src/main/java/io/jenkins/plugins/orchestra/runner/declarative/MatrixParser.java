package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.stmt.Statement;

/** Reads a stage's {@code matrix}: its axes, excludes, and the sections its cells share. */
final class MatrixParser {
    private final ParseContext context;
    private final StageParser stages;
    private final DirectiveParser directives;
    private final EnvironmentParser environment;
    private final StepsParser steps;

    MatrixParser(ParseContext context, StageParser stages) {
        this.context = context;
        this.stages = stages;
        this.directives = new DirectiveParser(context);
        this.environment = new EnvironmentParser(context);
        this.steps = new StepsParser(context);
    }

    /** The {@code matrix} block {@code matrix}; {@code path} is its place, e.g. {@code stages[1].matrix}. */
    Optional<MatrixModel> parse(Call matrix, String path) {
        Problems problems = context.problems;
        if (!matrix.hasBlock()) {
            problems.at(matrix.at(), JenkinsMessages.expectedBlockFor("matrix"));
            return Optional.empty();
        }
        List<MatrixAxis> axes = List.of();
        List<MatrixExclude> excludes = List.of();
        Optional<Agent> agent = Optional.empty();
        List<EnvironmentEntry> env = List.of();
        List<OptionSpec> options = List.of();
        Optional<WhenModel> when = Optional.empty();
        Optional<InputModel> input = Optional.empty();
        Optional<StagesBlock> cellStages = Optional.empty();
        Optional<PostModel> post = Optional.empty();
        for (Call section : context.sections(matrix)) {
            switch (section.name()) {
                case "axes" -> axes = axes(section, false);
                case "excludes" -> excludes = excludes(section);
                case "agent" -> agent = directives.agent(section);
                case "environment" -> env = environment.parse(section, path + ".environment");
                case "options" -> options = directives.options(section);
                case "when" -> when = new WhenParser(context).parse(section, path + ".when");
                case "input" -> input = Optional.of(directives.input(section));
                case "stages" -> cellStages = Optional.of(stages.stages(section, path + ".stages"));
                case "post" -> post = Optional.of(steps.post(section, path + ".post"));
                case "tools" -> context.note(section.at(), "tools are ignored: steps use the tools on this machine");
                default -> problems.at(section.at(), JenkinsMessages.undefinedSection(section.name()));
            }
        }
        return Optional.of(
                new MatrixModel(axes, excludes, agent, env, options, when, input, cellStages, post, matrix.at()));
    }

    private List<MatrixExclude> excludes(Call excludes) {
        List<MatrixExclude> parsed = new ArrayList<>();
        for (Call exclude : blockCalls(excludes)) {
            if (!exclude.name().equals("exclude")) {
                context.problems.at(exclude.at(), JenkinsMessages.undefinedSection(exclude.name()));
            } else if (!exclude.hasBlock()) {
                context.problems.at(exclude.at(), JenkinsMessages.expectedBlockFor("exclude"));
            } else {
                parsed.add(new MatrixExclude(axes(exclude, true), exclude.at()));
            }
        }
        return parsed;
    }

    /** The {@code axis} blocks in {@code block}; in an exclude, an axis may list {@code notValues}. */
    private List<MatrixAxis> axes(Call block, boolean inExclude) {
        List<MatrixAxis> axes = new ArrayList<>();
        for (Call axis : blockCalls(block)) {
            if (!axis.name().equals("axis")) {
                context.problems.at(axis.at(), JenkinsMessages.undefinedSection(axis.name()));
            } else if (!axis.hasBlock()) {
                context.problems.at(axis.at(), JenkinsMessages.expectedBlockFor("axis"));
            } else {
                axes.add(axis(axis, inExclude));
            }
        }
        return axes;
    }

    private MatrixAxis axis(Call axis, boolean inExclude) {
        String name = "";
        List<String> values = new ArrayList<>();
        boolean notValues = false;
        for (Call field : blockCalls(axis)) {
            List<Expression> arguments = field.arguments();
            boolean known = field.name().equals("name")
                    || field.name().equals("values")
                    || (inExclude && field.name().equals("notValues"));
            if (!known) {
                context.problems.at(field.at(), JenkinsMessages.undefinedSection(field.name()));
            } else if (arguments.isEmpty() || field.hasBlock()) {
                context.problems.at(field.method(), JenkinsMessages.noArgForField(field.name()));
            } else if (field.name().equals("name")) {
                if (arguments.size() > 1) {
                    context.problems.at(field.method(), JenkinsMessages.tooManyArgsForField(field.name()));
                }
                name = context.values.text(arguments.get(0));
            } else {
                notValues = field.name().equals("notValues");
                arguments.forEach(value -> values.add(context.values.text(value)));
            }
        }
        return new MatrixAxis(name, values, notValues, axis.at());
    }

    private List<Call> blockCalls(Call block) {
        Problems problems = context.problems;
        if (!block.hasBlock()) {
            problems.at(block.at(), JenkinsMessages.expectedBlockFor(block.name()));
            return List.of();
        }
        List<Call> calls = new ArrayList<>();
        for (Statement statement : Call.statements(block.block())) {
            Call call = Call.read(statement, problems);
            if (call == null) {
                problems.at(statement, JenkinsMessages.invalidSectionDefinition(context.values.source(statement)));
            } else if (call.name() != null) {
                calls.add(call);
            }
        }
        return calls;
    }
}
