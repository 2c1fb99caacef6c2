/**
 * {@code provision tool: 'terraform'} and {@code tool: 'tofu'}: plan, apply of exactly a saved plan, drift, outputs.
 */
package io.jenkins.plugins.orchestra.provision.terraform;
