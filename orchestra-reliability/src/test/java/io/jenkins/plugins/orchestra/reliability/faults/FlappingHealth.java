package io.jenkins.plugins.orchestra.reliability.faults;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** A health endpoint on 127.0.0.1 that flaps: it answers 503, 200, 503, 200, … to successive requests. */
final class FlappingHealth implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private FlappingHealth(HttpServer server) {
        this.server = server;
    }

    static FlappingHealth start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
        FlappingHealth health = new FlappingHealth(server);
        server.createContext("/health", exchange -> {
            int n = health.requests.incrementAndGet();
            int status = n % 2 == 1 ? 503 : 200;
            byte[] body = (status == 200 ? "UP" : "DOWN").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return health;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
