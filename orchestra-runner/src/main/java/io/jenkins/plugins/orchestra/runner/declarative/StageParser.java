package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.stmt.Statement;

/** Reads {@code stages} and {@code parallel} blocks and the stages in them. */
final class StageParser {
    private final ParseContext context;
    private final DirectiveParser directives;
    private final EnvironmentParser environment;
    private final StepsParser steps;
    private final MatrixParser matrix;

    StageParser(ParseContext context) {
        this.context = context;
        this.directives = new DirectiveParser(context);
        this.environment = new EnvironmentParser(context);
        this.steps = new StepsParser(context);
        this.matrix = new MatrixParser(context, this);
    }

    /**
     * A {@code stages} or {@code parallel} block; its stages' paths are {@code prefix[i]}, e.g. {@code
     * stages[0].parallel[1]} for {@code prefix} {@code stages[0].parallel}.
     */
    StagesBlock stages(Call block, String prefix) {
        if (!block.hasBlock()) {
            context.problems.at(block.at(), JenkinsMessages.expectedBlockFor(block.name()));
            return new StagesBlock(List.of(), block.at());
        }
        List<StageModel> stages = new ArrayList<>();
        for (Statement statement : Call.statements(block.block())) {
            StageModel stage = stage(statement, prefix + "[" + stages.size() + "]");
            if (stage != null) {
                stages.add(stage);
            }
        }
        return new StagesBlock(stages, block.at());
    }

    private StageModel stage(Statement statement, String path) {
        Problems problems = context.problems;
        Call call = Call.read(statement, problems);
        if (call == null || !"stage".equals(call.name())) {
            if (call == null || call.name() != null) {
                problems.at(statement, JenkinsMessages.expectedStage());
            }
            return null;
        }
        if (call.arguments().isEmpty()) {
            problems.at(statement, JenkinsMessages.expectedStageName());
            return null;
        }
        Expression nameExpression = call.arguments().get(0);
        String name = Values.stringLiteral(nameExpression);
        if (name == null) {
            problems.at(nameExpression, JenkinsMessages.expectedStringLiteral());
            name = context.values.source(nameExpression);
        }
        if (!call.hasBlock()) {
            problems.at(call.at(), JenkinsMessages.stageWithoutBlock());
        }
        return sections(call, name, path);
    }

    private StageModel sections(Call stage, String name, String path) {
        Problems problems = context.problems;
        Sections s = new Sections();
        Set<String> seen = new HashSet<>();
        for (Statement statement : Call.statements(stage.block())) {
            Call section = Call.read(statement, problems);
            if (section == null) {
                problems.at(
                        stage.at(), JenkinsMessages.invalidStageSectionDefinition(context.values.source(statement)));
                continue;
            }
            if (section.name() == null) {
                continue;
            }
            if (!seen.add(section.name())) {
                problems.at(stage.at(), JenkinsMessages.multipleOfSection(section.name()));
            }
            section(section, path, stage.at(), s);
        }
        return new StageModel(
                name,
                path,
                s.agent,
                s.environment,
                s.options,
                s.when,
                s.input,
                s.steps,
                s.stages,
                s.parallel,
                s.matrix,
                s.failFast,
                s.post,
                stage.at());
    }

    private void section(Call section, String path, Position stage, Sections s) {
        switch (section.name()) {
            case "agent" -> s.agent = directives.agent(section);
            case "environment" -> s.environment = environment.parse(section, path + ".environment");
            case "options" -> s.options = directives.options(section);
            case "when" -> s.when = new WhenParser(context).parse(section, path + ".when");
            case "input" -> s.input = Optional.of(directives.input(section));
            case "steps" -> s.steps = steps.steps(section, path + ".steps");
            case "stages" -> s.stages = Optional.of(stages(section, path + ".stages"));
            case "parallel" -> s.parallel = Optional.of(stages(section, path + ".parallel"));
            case "matrix" -> s.matrix = matrix.parse(section, path + ".matrix");
            case "failFast" -> s.failFast = failFast(section);
            case "post" -> s.post = Optional.of(steps.post(section, path + ".post"));
            case "tools" -> context.note(section.at(), "tools are ignored: steps use the tools on this machine");
            default -> context.problems.at(stage, JenkinsMessages.unknownStageSection(section.name()));
        }
    }

    private boolean failFast(Call call) {
        List<Expression> arguments = call.arguments();
        if (arguments.size() == 1
                && arguments.get(0) instanceof ConstantExpression constant
                && constant.getValue() instanceof Boolean value) {
            return value;
        }
        context.problems.at(call.method(), JenkinsMessages.expectedBoolean(call.name()));
        return false;
    }

    /** The sections of one stage as they are read. */
    private static final class Sections {
        Optional<Agent> agent = Optional.empty();
        List<EnvironmentEntry> environment = List.of();
        List<OptionSpec> options = List.of();
        Optional<WhenModel> when = Optional.empty();
        Optional<InputModel> input = Optional.empty();
        Optional<StepsBlock> steps = Optional.empty();
        Optional<StagesBlock> stages = Optional.empty();
        Optional<StagesBlock> parallel = Optional.empty();
        Optional<MatrixModel> matrix = Optional.empty();
        boolean failFast;
        Optional<PostModel> post = Optional.empty();
    }
}
