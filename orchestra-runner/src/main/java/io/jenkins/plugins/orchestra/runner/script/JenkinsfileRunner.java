package io.jenkins.plugins.orchestra.runner.script;

import groovy.lang.Binding;
import groovy.lang.GroovyCodeSource;
import groovy.lang.GroovyShell;
import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import io.jenkins.plugins.orchestra.runner.library.LocalLibrary;
import io.jenkins.plugins.orchestra.runner.library.SharedLibraries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;

/**
 * Compiles a Jenkinsfile with Groovy 2.4.21 and runs it against a {@link PipelineRuntime}, the way Jenkins runs
 * {@code WorkflowScript}: ends with {@code Finished: RESULT}.
 */
public final class JenkinsfileRunner {
    private JenkinsfileRunner() {}

    /** How a run ended. */
    public record Outcome(BuildResult result, List<StageRecord> stages, Duration duration) {}

    /** Compiles {@code source}; a syntax error is one {@link JenkinsfileException} naming its line and column. */
    public static PipelineScript compile(String source) {
        return compile(source, List.of());
    }

    /**
     * Compiles {@code source} with the shared libraries it may load: those of its {@code @Library} annotations are
     * loaded first and their variables compiled too. Any error in them, or a library it cannot load, is a {@link
     * JenkinsfileException}.
     */
    public static PipelineScript compile(String source, List<LocalLibrary> libraries) {
        SharedLibraries shared = new SharedLibraries(libraries);
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(PipelineScript.class.getName());
        config.setSourceEncoding("UTF-8");
        config.addCompilationCustomizers(
                new ImportCustomizer().addImports(NonCPS.class.getName()),
                new JenkinsImports(),
                new StepCallsCustomizer());
        shared.configure(config);
        GroovyShell shell = new GroovyShell(JenkinsfileRunner.class.getClassLoader(), new Binding(), config);
        shared.useClassLoader(shell.getClassLoader());
        try {
            PipelineScript script = (PipelineScript)
                    shell.parse(new GroovyCodeSource(source, PipelineRuntime.SCRIPT_NAME, "/groovy/shell"));
            shared.compileVariables();
            script.useLibraries(shared);
            return script;
        } catch (MultipleCompilationErrorsException e) {
            throw new JenkinsfileException(CompileErrors.describe(e));
        }
    }

    /** Runs a compiled Jenkinsfile to its end and prints {@code Finished: RESULT}. */
    public static Outcome run(PipelineScript script, PipelineRuntime runtime, Map<String, ?> params) {
        Instant started = runtime.clock().instant();
        Binding binding = new Binding();
        binding.setVariable("env", runtime.envGlobal());
        binding.setVariable("params", Map.copyOf(params));
        params.forEach((k, v) -> runtime.envGlobal().setProperty(k, v)); // parameters are variables too, as in Jenkins
        binding.setVariable("currentBuild", runtime.currentBuild());
        binding.setVariable(
                "scm", Map.of("type", "local", "path", runtime.workspace().toString()));
        script.setBinding(binding);
        script.attach(runtime);
        runtime.useScript(binding, script.libraries());
        script.libraries().loaded().forEach(library -> runtime.log(library.announcement()));
        try {
            script.run();
        } catch (FlowInterruptedException e) {
            runtime.log(e.getMessage());
            runtime.currentBuild().worsen(e.result());
        } catch (io.jenkins.plugins.orchestra.OrchestraException e) {
            runtime.log("ERROR: " + abbreviate(e.getMessage()));
            runtime.currentBuild().worsen(BuildResult.FAILURE);
        } catch (MissingPropertyException | MissingMethodException e) {
            runtime.log(e.getClass().getName() + ": " + e.getMessage() + at(e));
            runtime.currentBuild().worsen(BuildResult.FAILURE);
        } catch (RuntimeException e) {
            runtime.log(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + at(e));
            runtime.currentBuild().worsen(BuildResult.FAILURE);
        }
        BuildResult result = runtime.currentBuild().current();
        runtime.log("Finished: " + result);
        return new Outcome(
                result,
                runtime.stages(),
                Duration.between(started, runtime.clock().instant()));
    }

    /** {@code " @ line N"}: where in the Jenkinsfile an exception was thrown, if it was. */
    static String at(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (PipelineRuntime.SCRIPT_NAME.equals(frame.getFileName()) && frame.getLineNumber() > 0) {
                return " @ line " + frame.getLineNumber();
            }
        }
        return "";
    }

    private static final java.util.regex.Pattern LONG_WORD = java.util.regex.Pattern.compile("\\S{201,}");

    /**
     * An error line that quotes a value of a megabyte (a path, a version) names it by its start and length instead, so
     * the line stays one readable line.
     */
    static String abbreviate(String message) {
        if (message == null || message.length() <= 1000) {
            return message;
        }
        return LONG_WORD
                .matcher(message)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        m.group().substring(0, 100) + "… (" + m.group().length() + " characters)"));
    }
}
