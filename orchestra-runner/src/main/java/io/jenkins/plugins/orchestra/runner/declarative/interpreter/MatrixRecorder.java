package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.declarative.MatrixAxis;
import io.jenkins.plugins.orchestra.runner.declarative.MatrixCells;
import io.jenkins.plugins.orchestra.runner.declarative.MatrixExclude;
import io.jenkins.plugins.orchestra.runner.declarative.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code matrix { axes { axis { name 'OS'; values 'linux', 'mac' } }; excludes { exclude { axis {…} } };
 * stages { … } }} and expands it into cells: every combination of axis values, in axis order, minus the excluded ones.
 */
final class MatrixRecorder extends Recorder {
    final List<Axis> axes = new ArrayList<>();
    final List<List<Axis>> excludes = new ArrayList<>();
    Closure<?> stages;
    Closure<?> post;
    String agent;

    record Axis(String name, List<String> values, boolean notValues) {}

    public void axes(Closure<?> block) {
        axes.addAll(new AxesRecorder().<AxesRecorder>read(block).axes);
    }

    public void excludes(Closure<?> block) {
        new Recorder() {
            @SuppressWarnings("unused")
            public void exclude(Closure<?> one) {
                excludes.add(new AxesRecorder().<AxesRecorder>read(one).axes);
            }
        }.read(block);
    }

    public void stages(Closure<?> block) {
        stages = block;
    }

    public void post(Closure<?> block) {
        post = block;
    }

    public void agent(Object... args) {
        agent = AgentRecorder.describe(args);
    }

    /** Every cell, as axis name → value, in Jenkins' order (the first axis changes fastest). */
    List<Map<String, String>> cells() {
        return MatrixCells.expand(
                axes.stream().map(MatrixRecorder::model).toList(),
                excludes.stream()
                        .map(e -> new MatrixExclude(
                                e.stream().map(MatrixRecorder::model).toList(), Position.UNKNOWN))
                        .toList());
    }

    private static MatrixAxis model(Axis a) {
        return new MatrixAxis(a.name(), List.copyOf(a.values()), a.notValues(), Position.UNKNOWN);
    }

    /** Reads {@code axis { name 'X'; values 'a', 'b' }} (and {@code notValues} in excludes). */
    static final class AxesRecorder extends Recorder {
        final List<Axis> axes = new ArrayList<>();

        public void axis(Closure<?> block) {
            AxisRecorder a = new AxisRecorder().read(block);
            axes.add(new Axis(a.name, a.values, a.notValues));
        }
    }

    static final class AxisRecorder extends Recorder {
        String name;
        List<String> values = new ArrayList<>();
        boolean notValues;

        public void name(String name) {
            this.name = name;
        }

        public void values(Object... values) {
            for (Object v : values) {
                this.values.add(String.valueOf(v));
            }
        }

        public void notValues(Object... values) {
            values(values);
            notValues = true;
        }
    }
}
