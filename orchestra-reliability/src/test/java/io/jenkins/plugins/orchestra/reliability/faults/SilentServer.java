package io.jenkins.plugins.orchestra.reliability.faults;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A server on 127.0.0.1 that accepts connections and never says a word: an SMTP server that hangs before its greeting.
 */
final class SilentServer implements AutoCloseable {
    private final ServerSocket listener;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();

    private SilentServer(ServerSocket listener) {
        this.listener = listener;
    }

    static SilentServer start() throws IOException {
        SilentServer server = new SilentServer(new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1")));
        Thread t = new Thread(
                () -> {
                    while (!server.listener.isClosed()) {
                        try {
                            server.accepted.add(server.listener.accept());
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "silent-server");
        t.setDaemon(true);
        t.start();
        return server;
    }

    int port() {
        return listener.getLocalPort();
    }

    int connections() {
        return accepted.size();
    }

    /** A port on 127.0.0.1 where nothing listens (it was free a moment ago): a server that is down. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : accepted) {
            s.close();
        }
    }
}
