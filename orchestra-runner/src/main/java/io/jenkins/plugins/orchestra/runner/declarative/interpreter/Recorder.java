package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import groovy.lang.GroovyObjectSupport;

/** Base of the recorders that read a Declarative section by running its block with the recorder as delegate. */
abstract class Recorder extends GroovyObjectSupport {
    /** Runs {@code block} with this recorder answering its calls first. */
    <T extends Recorder> T read(Closure<?> block) {
        if (block != null) {
            Closure<?> c = (Closure<?>) block.clone();
            c.setDelegate(this);
            c.setResolveStrategy(Closure.DELEGATE_FIRST);
            c.call();
        }
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    /** {@code agent any} and {@code agent none} read {@code any} and {@code none} as properties. */
    @Override
    public Object getProperty(String name) {
        if (name.equals("any") || name.equals("none")) {
            return name;
        }
        return super.getProperty(name);
    }
}
