package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import java.nio.file.FileSystems;
import java.util.List;
import java.util.Objects;

/** A {@code when} condition of a Declarative stage. */
interface Condition {
    boolean test(PipelineRuntime rt) throws Exception;

    /** {@code branch 'main'} or {@code branch pattern: 'release-*'}: against BRANCH_NAME, glob by default. */
    record Branch(String pattern) implements Condition {
        @Override
        public boolean test(PipelineRuntime rt) {
            String branch = rt.env("BRANCH_NAME");
            return branch != null
                    && FileSystems.getDefault()
                            .getPathMatcher("glob:" + pattern)
                            .matches(java.nio.file.Path.of(branch));
        }
    }

    /** {@code environment name: 'DEPLOY_TO', value: 'production'}. */
    record Environment(String name, String value) implements Condition {
        @Override
        public boolean test(PipelineRuntime rt) {
            return Objects.equals(rt.env(name), value);
        }
    }

    /** {@code expression { return params.DEPLOY }}: Groovy truth of the block's value. */
    record Expression(Closure<?> block) implements Condition {
        @Override
        public boolean test(PipelineRuntime rt) throws Exception {
            Object value = rt.run(rt.context(), block);
            return org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(value);
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(PipelineRuntime rt) throws Exception {
            return !inner.test(rt);
        }
    }

    record AllOf(List<Condition> all) implements Condition {
        @Override
        public boolean test(PipelineRuntime rt) throws Exception {
            for (Condition c : all) {
                if (!c.test(rt)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(List<Condition> any) implements Condition {
        @Override
        public boolean test(PipelineRuntime rt) throws Exception {
            for (Condition c : any) {
                if (c.test(rt)) {
                    return true;
                }
            }
            return false;
        }
    }
}
