package io.jenkins.plugins.orchestra.runner.declarative.interpreter;

import groovy.lang.Closure;
import java.util.List;
import java.util.Map;

/**
 * A Declarative stage as read: exactly one of {@code steps}, {@code stages}, {@code parallel} or {@code matrix} is
 * set (the validator checked that before anything ran).
 */
record StageDef(
        String name,
        String agent,
        Closure<?> environment,
        WhenRecorder when,
        InputRecorder input,
        OptionsRecorder options,
        Closure<?> steps,
        List<StageDef> stages,
        List<StageDef> parallel,
        MatrixRecorder matrix,
        boolean failFast,
        Map<String, Closure<?>> post) {}
