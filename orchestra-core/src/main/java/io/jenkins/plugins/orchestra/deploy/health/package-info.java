/** Health checks: an HTTP(S) GET with {@code java.net.http}, or a command on the host, tried until a timeout. */
package io.jenkins.plugins.orchestra.deploy.health;
