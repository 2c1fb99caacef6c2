/** {@code provision tool: 'ansible'}: {@code ansible-playbook}, its result read from Ansible's JSON callback. */
package io.jenkins.plugins.orchestra.provision.ansible;
