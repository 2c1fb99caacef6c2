package io.jenkins.plugins.orchestra.runner.declarative;

import java.util.List;
import java.util.Optional;

/** Reads the sections of the {@code pipeline} block. */
final class PipelineParser {
    private final ParseContext context;
    private final DirectiveParser directives;
    private final EnvironmentParser environment;
    private final StageParser stages;
    private final StepsParser steps;

    PipelineParser(ParseContext context) {
        this.context = context;
        this.directives = new DirectiveParser(context);
        this.environment = new EnvironmentParser(context);
        this.stages = new StageParser(context);
        this.steps = new StepsParser(context);
    }

    PipelineModel parse(Call pipeline) {
        Optional<Agent> agent = Optional.empty();
        List<EnvironmentEntry> env = List.of();
        List<ParameterSpec> parameters = List.of();
        List<OptionSpec> options = List.of();
        Optional<StagesBlock> stageBlock = Optional.empty();
        Optional<PostModel> post = Optional.empty();
        for (Call section : context.sections(pipeline)) {
            switch (section.name()) {
                case "agent" -> agent = directives.agent(section);
                case "environment" -> env = environment.parse(section, "environment");
                case "parameters" -> parameters = directives.parameters(section);
                case "options" -> options = directives.options(section);
                case "stages" -> stageBlock = Optional.of(stages.stages(section, "stages"));
                case "post" -> post = Optional.of(steps.post(section, "post"));
                case "tools" -> context.note(section.at(), "tools are ignored: steps use the tools on this machine");
                case "triggers" -> context.note(section.at(), "triggers are ignored: the runner runs when asked");
                case "libraries" ->
                    context.note(section.at(), "libraries are ignored: shared libraries are not loaded");
                default -> unknownSection(section);
            }
        }
        return new PipelineModel(agent, env, parameters, options, stageBlock, post, context.notes, pipeline.at());
    }

    private void unknownSection(Call section) {
        String message =
                switch (section.name()) {
                    case "properties" -> JenkinsMessages.renamedProperties();
                    case "jobProperties" -> JenkinsMessages.renamedJobProperties();
                    case "notifications" -> JenkinsMessages.renamedNotifications();
                    case "postBuild" -> JenkinsMessages.renamedPostBuild();
                    case "wrappers" -> JenkinsMessages.removedWrappers();
                    default -> JenkinsMessages.undefinedSection(section.name());
                };
        context.problems.at(section.at(), message);
    }
}
