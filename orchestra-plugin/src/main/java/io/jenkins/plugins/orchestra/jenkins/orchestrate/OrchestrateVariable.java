package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import groovy.lang.Binding;
import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.CpsScript;
import org.jenkinsci.plugins.workflow.cps.GlobalVariable;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/**
 * {@code orchestrate { stage('b', needs: ['a']) { … } }}: the glue shared with the local runner, loaded through the
 * script's class loader so that it is CPS-transformed like the Jenkinsfile, and kept in the script's binding, which
 * is saved with the program. It wires the real {@code stage} and {@code parallel} steps to the coordinator's host
 * steps; nothing else.
 */
@Extension
@Restricted(NoExternalUse.class)
public final class OrchestrateVariable extends GlobalVariable {
    static final String GLUE = "io.jenkins.plugins.orchestra.glue.Orchestrate";

    @Override
    public String getName() {
        return "orchestrate";
    }

    @Override
    public Object getValue(CpsScript script) throws Exception {
        Binding binding = script.getBinding();
        if (binding.hasVariable(getName())) {
            return binding.getVariable(getName());
        }
        // a constructor, not a method: a CPS-transformed method called from here would throw CpsCallableInvocation
        Object glue = script.getClass()
                .getClassLoader()
                .loadClass(GLUE)
                .getConstructor(Object.class)
                .newInstance(script);
        binding.setVariable(getName(), glue);
        return glue;
    }
}
