/** Orchestra's core: everything the Jenkins plugin and the local runner do, without Jenkins. */
package io.jenkins.plugins.orchestra;
