package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import java.util.List;
import java.util.Map;

/** Reads the sections of {@code pipeline { … }}. */
final class PipelineRecorder extends Recorder {
    String agent = "any";
    Closure<?> environment;
    OptionsRecorder options = new OptionsRecorder();
    Map<String, Object> parameters = Map.of();
    List<StageDef> stages = List.of();
    Map<String, Closure<?>> post = Map.of();

    public void agent(Object... args) {
        agent = AgentRecorder.describe(args);
    }

    public void environment(Closure<?> block) {
        environment = block;
    }

    public void options(Closure<?> block) {
        options = new OptionsRecorder().read(block);
    }

    public void parameters(Closure<?> block) {
        parameters = new ParametersRecorder().<ParametersRecorder>read(block).defaults;
    }

    public void stages(Closure<?> block) {
        stages = new StageRecorder.StagesRecorder().<StageRecorder.StagesRecorder>read(block).stages;
    }

    public void post(Closure<?> block) {
        post = new PostRecorder().<PostRecorder>read(block).blocks;
    }

    public void tools(Closure<?> block) {}

    public void triggers(Closure<?> block) {}

    public void libraries(Closure<?> block) {}
}
