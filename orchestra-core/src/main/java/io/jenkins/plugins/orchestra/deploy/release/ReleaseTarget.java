package io.jenkins.plugins.orchestra.deploy.release;

import io.jenkins.plugins.orchestra.deploy.DeployException;
import io.jenkins.plugins.orchestra.deploy.DeploySpec;
import io.jenkins.plugins.orchestra.deploy.DeployTarget;
import io.jenkins.plugins.orchestra.deploy.HealthCheckSpec;
import io.jenkins.plugins.orchestra.deploy.HostConnection;
import io.jenkins.plugins.orchestra.deploy.HostConnector;
import io.jenkins.plugins.orchestra.deploy.TargetHost;
import io.jenkins.plugins.orchestra.deploy.TargetSpec;
import io.jenkins.plugins.orchestra.host.RunRef;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** A target whose hosts keep releases as {@link ReleaseHost} describes, reached through a {@link HostConnector}. */
public final class ReleaseTarget implements DeployTarget {
    private final TargetSpec spec;
    private final HostConnector connector;
    private final UnaryOperator<String> baseFor;
    private final RunRef run;
    private final InstantSource clock;
    private final List<TargetHost> opened = new ArrayList<>();

    /** @param baseFor the absolute base directory of each host */
    public ReleaseTarget(
            TargetSpec spec, HostConnector connector, UnaryOperator<String> baseFor, RunRef run, InstantSource clock) {
        this.spec = spec;
        this.connector = connector;
        this.baseFor = baseFor;
        this.run = run;
        this.clock = clock;
    }

    @Override
    public TargetSpec spec() {
        return spec;
    }

    /** Refuses {@code {url}} in a health check URL: these hosts are machines, which serve no one application URL. */
    @Override
    public void check(DeploySpec deploy) {
        deploy.healthCheck().flatMap(HealthCheckSpec::url).ifPresent(url -> {
            if (url.contains("{url}")) {
                throw DeployException.invalid("healthCheck.url uses {url}, which only tomcat targets have; target '"
                        + spec.name() + "' is " + spec.kind() + ": use {host}, such as 'http://{host}:8080/health',"
                        + " was '" + url + "'");
            }
        });
    }

    @Override
    public TargetHost open(String host) throws InterruptedException {
        HostConnection connection = connector.connect(host);
        TargetHost opened = new ReleaseHost(connection, host, baseFor.apply(host), run, clock);
        synchronized (this.opened) {
            this.opened.add(opened);
        }
        return opened;
    }

    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(TargetHost::close);
            opened.clear();
        }
        connector.close();
    }
}
