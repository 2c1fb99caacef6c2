package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.stmt.ExpressionStatement;
import org.codehaus.groovy.ast.stmt.Statement;

/** Reads the small sections: {@code agent}, {@code options}, {@code parameters} and {@code input}. */
final class DirectiveParser {
    private static final Set<String> LOCAL_AGENTS = Set.of("any", "none", "label", "node");

    private final ParseContext context;

    DirectiveParser(ParseContext context) {
        this.context = context;
    }

    /** An {@code agent} section; empty when it cannot be read, with the reason reported. */
    Optional<Agent> agent(Call agent) {
        Problems problems = context.problems;
        if (!agent.hasBlock()) {
            List<Expression> arguments = agent.arguments();
            if (arguments.isEmpty()) {
                problems.at(agent.at(), JenkinsMessages.noArgForAgent());
                return Optional.empty();
            }
            String type = Values.stringLiteral(arguments.get(0));
            if (arguments.size() > 1 || !("any".equals(type) || "none".equals(type))) {
                problems.at(agent.at(), JenkinsMessages.invalidAgent());
                return Optional.empty();
            }
            return Optional.of(new Agent(Agent.Kind.of(type), type, Map.of(), agent.at()));
        }
        List<Statement> statements = Call.statements(agent.block());
        if (statements.size() > 1) {
            problems.at(agent.at(), JenkinsMessages.oneAgentMax());
            return Optional.empty();
        }
        Call type = statements.isEmpty() ? null : Call.read(statements.get(0), problems);
        if (type == null || type.name() == null) {
            problems.at(agent.at(), JenkinsMessages.expectedAgent());
            return Optional.empty();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        String kind = type.name();
        if (type.hasBlock()) {
            settings(type.block(), settings);
            if (kind.equals("label")) {
                kind = "node"; // as Jenkins does: a label with settings is a node
            }
        } else {
            settings(type, settings);
        }
        if (!LOCAL_AGENTS.contains(kind)) {
            context.note(agent.at(), "agent type \"" + kind + "\" is recorded but is not any, none, label or node");
        }
        return Optional.of(new Agent(Agent.Kind.of(kind), kind, settings, agent.at()));
    }

    private void settings(ClosureExpression block, Map<String, String> settings) {
        for (Statement statement : Call.statements(block)) {
            Call setting = Call.read(statement, context.problems);
            if (setting == null) {
                context.problems.at(block, JenkinsMessages.expectedMapMethod());
            } else if (setting.name() != null) {
                settings(setting, settings);
            }
        }
    }

    private void settings(Call setting, Map<String, String> settings) {
        List<Expression> arguments = setting.arguments();
        if (setting.hasBlock() && arguments.isEmpty()) {
            settings.put(setting.name(), context.values.source(setting.block()));
        } else if (arguments.isEmpty()) {
            context.problems.at(setting.method(), JenkinsMessages.noArgForMapMethodKey(setting.name()));
        } else if (arguments.size() > 1 || setting.hasBlock()) {
            context.problems.at(setting.method(), JenkinsMessages.tooManyArgsForMapMethodKey(setting.name()));
        } else {
            settings.put(setting.name(), context.values.text(arguments.get(0)));
        }
    }

    /** An {@code options} block; {@code what} is how Jenkins names its entries in errors. */
    List<OptionSpec> options(Call options) {
        List<OptionSpec> specs = new ArrayList<>();
        for (Call option : entries(options, "options", "Options", JenkinsMessages.expectedOption())) {
            specs.add(new OptionSpec(option.name(), context.values.arguments(option), option.at()));
        }
        Set<String> seen = new HashSet<>();
        Set<String> reported = new HashSet<>();
        for (OptionSpec spec : specs) {
            if (!seen.add(spec.name()) && reported.add(spec.name())) {
                context.problems.at(options.at(), JenkinsMessages.duplicateOptionName(spec.name()));
            }
        }
        if (specs.isEmpty() && options.hasBlock()) {
            context.problems.at(options.at(), JenkinsMessages.emptySection("options"));
        }
        return specs;
    }

    /** A {@code parameters} block, of the pipeline or of an input. */
    List<ParameterSpec> parameters(Call parameters) {
        List<ParameterSpec> specs = new ArrayList<>();
        for (Call parameter :
                entries(parameters, "parameters", "Build parameters", JenkinsMessages.expectedBuildParameter())) {
            specs.add(new ParameterSpec(parameter.name(), context.values.arguments(parameter), parameter.at()));
        }
        if (specs.isEmpty() && parameters.hasBlock()) {
            context.problems.at(parameters.at(), JenkinsMessages.emptySection("parameters"));
        }
        return specs;
    }

    private List<Call> entries(Call section, String name, String what, String expected) {
        Problems problems = context.problems;
        if (!section.hasBlock()) {
            problems.at(section.at(), JenkinsMessages.expectedBlockFor(name));
            return List.of();
        }
        List<Call> entries = new ArrayList<>();
        for (Statement statement : Call.statements(section.block())) {
            Call entry = Call.read(statement, problems);
            if (entry == null) {
                boolean map = statement instanceof ExpressionStatement expression
                        && expression.getExpression() instanceof MapExpression;
                problems.at(statement, map ? JenkinsMessages.mapNotAllowed(what) : expected);
            } else if (entry.hasBlock()) {
                problems.at(statement, JenkinsMessages.cannotHaveBlocks(what));
            } else if (entry.name() != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** A stage's {@code input} block. */
    InputModel input(Call input) {
        Problems problems = context.problems;
        Map<String, String> fields = new LinkedHashMap<>();
        List<ParameterSpec> parameters = new ArrayList<>();
        if (!input.hasBlock()) {
            problems.at(input.at(), JenkinsMessages.expectedBlockFor("input"));
        }
        Set<String> seen = new HashSet<>();
        for (Statement statement : Call.statements(input.block())) {
            Call field = Call.read(statement, problems);
            if (field == null) {
                problems.at(input.at(), JenkinsMessages.invalidSectionDefinition(context.values.source(statement)));
                continue;
            }
            if (field.name() == null) {
                continue;
            }
            if (!seen.add(field.name())) {
                problems.at(input.at(), JenkinsMessages.multipleOfSection(field.name()));
            }
            int count = field.arguments().size() + (field.hasBlock() ? 1 : 0);
            if (count == 0) {
                problems.at(field.method(), JenkinsMessages.noArgForField(field.name()));
            } else if (count > 1) {
                problems.at(field.method(), JenkinsMessages.tooManyArgsForField(field.name()));
            } else if (field.name().equals("parameters")) {
                parameters.addAll(parameters(field));
            } else if (List.of("message", "id", "ok", "submitter", "submitterParameter")
                    .contains(field.name())) {
                fields.put(
                        field.name(),
                        field.hasBlock()
                                ? ""
                                : context.values.text(field.arguments().get(0)));
            } else {
                problems.at(field.method(), JenkinsMessages.invalidInputField(field.name()));
            }
        }
        return new InputModel(
                Optional.ofNullable(fields.get("message")),
                Optional.ofNullable(fields.get("id")),
                Optional.ofNullable(fields.get("ok")),
                Optional.ofNullable(fields.get("submitter")),
                Optional.ofNullable(fields.get("submitterParameter")),
                parameters,
                input.at());
    }
}
