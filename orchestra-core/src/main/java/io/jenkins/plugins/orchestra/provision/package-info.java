/**
 * The {@code provision} step: {@link io.jenkins.plugins.orchestra.provision.Provisioner} validates a call's arguments
 * and runs the {@link io.jenkins.plugins.orchestra.provision.ProvisionTool} it names (Ansible, Terraform or OpenTofu,
 * a script) in the host's workspace and environment, with the step's timeout, aborts and secret masking; the tool's
 * outputs become the step's result and, inside {@code orchestrate}, its stage's outputs.
 *
 * <p>Each tool lives in a package of its own and reads its tool's machine-readable output rather than its text:
 * Ansible's JSON callback, Terraform's {@code show -json} and {@code output -json}, a script's outputs file.
 */
package io.jenkins.plugins.orchestra.provision;
