package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads one {@code stage('name') { … }} of a Declarative pipeline. */
final class StageRecorder extends Recorder {
    private final String name;
    private String agent;
    private Closure<?> environment;
    private WhenRecorder when;
    private InputRecorder input;
    private OptionsRecorder options = new OptionsRecorder();
    private Closure<?> steps;
    private List<StageDef> stages;
    private List<StageDef> parallel;
    private MatrixRecorder matrix;
    private boolean failFast;
    private Map<String, Closure<?>> post = Map.of();

    StageRecorder(String name) {
        this.name = name;
    }

    public void agent(Object... args) {
        agent = AgentRecorder.describe(args);
    }

    public void environment(Closure<?> block) {
        environment = block;
    }

    public void when(Closure<?> block) {
        when = new WhenRecorder().read(block);
    }

    public void input(Closure<?> block) {
        input = new InputRecorder().read(block);
    }

    public void options(Closure<?> block) {
        options = new OptionsRecorder().read(block);
    }

    public void tools(Closure<?> block) {}

    public void steps(Closure<?> block) {
        steps = block;
    }

    public void stages(Closure<?> block) {
        stages = new StagesRecorder().<StagesRecorder>read(block).stages;
    }

    public void parallel(Closure<?> block) {
        parallel = new StagesRecorder().<StagesRecorder>read(block).stages;
    }

    public void matrix(Closure<?> block) {
        matrix = new MatrixRecorder().read(block);
    }

    public void failFast(boolean value) {
        failFast = value;
    }

    public void post(Closure<?> block) {
        post = new PostRecorder().<PostRecorder>read(block).blocks;
    }

    StageDef build() {
        return new StageDef(
                name, agent, environment, when, input, options, steps, stages, parallel, matrix, failFast, post);
    }

    /** Reads {@code stages { stage('a') {…}; … }} and {@code parallel { stage('a') {…}; … }}. */
    static final class StagesRecorder extends Recorder {
        final List<StageDef> stages = new ArrayList<>();

        public void stage(String name, Closure<?> block) {
            stages.add(new StageRecorder(name).<StageRecorder>read(block).build());
        }
    }
}
