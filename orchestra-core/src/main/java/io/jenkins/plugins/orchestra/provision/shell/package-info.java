/** {@code provision tool: 'shell'}: any script, which reports outputs through a file. */
package io.jenkins.plugins.orchestra.provision.shell;
