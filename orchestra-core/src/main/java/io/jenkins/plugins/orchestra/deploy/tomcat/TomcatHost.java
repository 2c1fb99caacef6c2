package io.jenkins.plugins.orchestra.deploy.tomcat;

import java.net.URI;
import java.util.Objects;

/**
 * One Tomcat of a target, as a deploy strategy handles it.
 *
 * @param name how tables and messages name it: the manager's {@code host:port}
 * @param manager the manager's base URL, {@code http://web1:8080/manager}
 * @param appUrl the deployed application's URL, {@code http://web1:8080/shop/}, from which health checks start
 */
public record TomcatHost(String name, URI manager, URI appUrl) {
    public TomcatHost {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(manager, "manager");
        Objects.requireNonNull(appUrl, "appUrl");
    }

    /** The host for a manager URL and a context path: the application is served by the same connector. */
    public static TomcatHost of(URI manager, String contextPath) {
        String base = manager.getScheme() + "://" + manager.getRawAuthority();
        String path = contextPath.equals("/") ? "/" : contextPath + "/";
        return new TomcatHost(TomcatManager.nameOf(manager), manager, URI.create(base + path));
    }

    /** The host name alone ({@code web1}), for a health check URL written with {@code {host}}. */
    public String hostName() {
        return manager.getHost();
    }

    /** A URL under the application: {@code url("health")} is {@code http://web1:8080/shop/health}. */
    public URI url(String relative) {
        return appUrl.resolve(relative.startsWith("/") ? relative.substring(1) : relative);
    }
}
