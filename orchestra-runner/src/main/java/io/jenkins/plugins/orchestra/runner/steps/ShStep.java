package io.jenkins.plugins.orchestra.runner.steps;

import io.jenkins.plugins.orchestra.process.Cancellation;
import io.jenkins.plugins.orchestra.process.ShellResult;
import io.jenkins.plugins.orchestra.process.ShellRunner;
import io.jenkins.plugins.orchestra.process.ShellScript;
import io.jenkins.plugins.orchestra.runner.script.ExecutionContext;
import io.jenkins.plugins.orchestra.runner.script.PipelineRuntime;
import io.jenkins.plugins.orchestra.runner.script.StepCall;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.util.function.UnaryOperator;

/**
 * {@code sh}: a real {@code /bin/sh -xe} process in the current directory with the current environment, its output
 * in the log (masked by the console), {@code returnStdout}, {@code returnStatus}, {@code encoding}. An interrupted
 * step (a {@code timeout}, an abort) kills the whole process tree.
 */
public final class ShStep {
    private static final ShellRunner RUNNER = ShellRunner.create();

    private ShStep() {}

    public static void register(PipelineRuntime runtime) {
        runtime.register("sh", ShStep::sh);
    }

    private static Object sh(StepCall call, PipelineRuntime rt) throws Exception {
        String script = call.requiredString("script");
        boolean returnStdout = call.bool("returnStdout", false);
        boolean returnStatus = call.bool("returnStatus", false);
        ExecutionContext context = rt.context();
        rt.console().pipeline(context, "sh");
        Files.createDirectories(context.cwd());
        ShellScript request = ShellScript.of(script, context.cwd(), rt.environment())
                .withStdout(returnStdout ? ShellScript.Stdout.RETURN : ShellScript.Stdout.STREAM)
                .withReturnStatus(returnStatus);
        Object encoding = call.namedArg("encoding").orElse(null);
        if (encoding != null) {
            request = request.withEncoding(Charset.forName(encoding.toString()));
        }
        ShellResult result = RUNNER.withTemporaryDirectory(rt.temporaryDirectory())
                .run(
                        request,
                        UnaryOperator.identity(),
                        line -> rt.console().println(context, line),
                        new Cancellation());
        if (returnStatus) {
            return result.exitCode();
        }
        return returnStdout ? result.stdout().orElse("") : null;
    }
}
