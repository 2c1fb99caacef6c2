package io.jenkins.plugins.orchestra.jenkins.orchestrate;

import hudson.Extension;
import org.jenkinsci.plugins.workflow.cps.GroovySourceFileAllowlist;
import org.kohsuke.accmod.Restricted;
import org.kohsuke.accmod.restrictions.NoExternalUse;

/** Lets Pipeline load exactly one Groovy source of this plugin: the {@code orchestrate} glue, from orchestra-core. */
@Extension
@Restricted(NoExternalUse.class)
public final class GlueAllowlist extends GroovySourceFileAllowlist {
    static final String GLUE_SOURCE = "/io/jenkins/plugins/orchestra/glue/Orchestrate.groovy";

    @Override
    public boolean isAllowed(String groovySourceFileUrl) {
        return groovySourceFileUrl.endsWith(GLUE_SOURCE);
    }
}
