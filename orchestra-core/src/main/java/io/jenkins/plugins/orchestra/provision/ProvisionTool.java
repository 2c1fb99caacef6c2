package io.jenkins.plugins.orchestra.provision;

import java.util.List;

/**
 * A provisioning tool {@code provision} can drive: Ansible, Terraform or OpenTofu, a script. A tool reads its own
 * arguments into a validated spec, then runs it in a {@link ProvisionContext}, which gives it the working directory,
 * the environment, credentials, private files and a way to run programs that honours the step's timeout, aborts and
 * secret masking.
 *
 * <p>A tool honours {@link ProvisionContext#dryRun()} by running its own plan or check mode, and changes nothing then.
 *
 * @param <S> the tool's validated arguments
 */
public interface ProvisionTool<S> {
    /** The name a Jenkinsfile selects the tool by: {@code tool: 'ansible'}. */
    String name();

    /** The arguments the tool takes besides {@link Provisioner#COMMON_PARAMETERS}, for "did you mean". */
    List<String> parameters();

    /**
     * Reads and validates the tool's arguments without running anything.
     *
     * @throws ProvisionException.InvalidArgument naming the argument and its bad value
     */
    S parse(ToolArguments arguments);

    /**
     * Runs the tool, streaming what it does to the context's listener.
     *
     * @throws ProvisionException if the tool failed, with a one-line message; the details are in the log
     */
    ProvisionResult run(S spec, ProvisionContext context);
}
