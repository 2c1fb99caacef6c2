package io.jenkins.plugins.orchestra.runner.orchestrate;

import com.cloudbees.groovy.cps.Continuable;
import com.cloudbees.groovy.cps.SerializableScript;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.codehaus.groovy.runtime.InvokerInvocationException;

/**
 * The base class of the Jenkinsfile in {@link CpsGlueTest}, standing in for workflow-cps' {@code CpsScript}: a call
 * to a step suspends the calling CPS thread with a {@link StepCall} for {@link CpsHarness} to carry out, and {@code
 * orchestrate} is a global variable whose {@code call} is the CPS-transformed glue, as a plugin's {@code
 * GlobalVariable} is.
 *
 * <p>Nothing here is kept between calls: the script object is serialized with the program at every suspension.
 */
public abstract class CpsWorkflowScript extends SerializableScript {
    private static final long serialVersionUID = 1L;

    static final String GLUE_CLASS = "io.jenkins.plugins.orchestra.glue.Orchestrate";

    static final Set<String> STEPS = Set.of(
            "echo",
            "error",
            "stage",
            "timeout",
            "parallel",
            "input",
            "orchestraPlan",
            "orchestraAwait",
            "orchestraReport",
            "orchestraSkipped",
            "orchestraFinish");

    /** A step call as the CPS thread hands it over when it suspends. */
    record StepCall(String step, List<Object> arguments) {}

    @Override
    public Object invokeMethod(String name, Object args) {
        Object[] arguments = args instanceof Object[] a ? a : new Object[] {args};
        if (STEPS.contains(name)) {
            // Every step suspends, even those Jenkins would finish at once (echo): the harness serializes the whole
            // program at each suspension, so each step call is a point where a non-serializable local would fail.
            return Continuable.suspend(name, new StepCall(name, Arrays.asList(arguments)));
        }
        if (name.equals("orchestrate")) {
            try {
                Object glue = getClass()
                        .getClassLoader()
                        .loadClass(GLUE_CLASS)
                        .getConstructor(Object.class)
                        .newInstance(this);
                // The glue's call(...) is CPS-transformed: it throws CpsCallableInvocation, which the interpreter
                // catches and runs, as it does for a GlobalVariable in Jenkins.
                return InvokerHelper.invokeMethod(glue, "call", arguments);
            } catch (InvokerInvocationException e) {
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw e;
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot load the glue", e);
            }
        }
        return super.invokeMethod(name, args);
    }
}
