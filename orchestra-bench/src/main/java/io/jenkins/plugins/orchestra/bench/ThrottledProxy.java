package io.jenkins.plugins.orchestra.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP forwarder on loopback whose client-to-server direction runs at a fixed rate: one host's network link, so that a
 * bench can show what a deploy costs when each host's link, not this machine's CPU, bounds its transfer.
 */
final class ThrottledProxy implements AutoCloseable {
    private static final int CHUNK = 16 * 1024;

    private final ServerSocket listener;
    private final int targetPort;
    private final double bytesPerSecond;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ThrottledProxy(int targetPort, double bytesPerSecond) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.bytesPerSecond = bytesPerSecond;
        this.acceptor = new Thread(this::accept, "throttled-proxy-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, bytesPerSecond);
                pump(server, client, 0);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies in to out, at most {@code rate} bytes per second (0: as fast as it comes). */
    private static void pump(Socket from, Socket to, double rate) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[CHUNK];
                    // when the link is free again; an idle link earns no credit, so a connection opened long before
                    // its upload (a deploy connects and locks every host first) gets no burst
                    long free = System.nanoTime();
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            out.write(buffer, 0, n);
                            if (rate > 0) {
                                free = Math.max(free, System.nanoTime()) + (long) (n / rate * 1e9);
                                long wait = free - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                                }
                            }
                        }
                    } catch (IOException | InterruptedException e) {
                        // the connection ended
                    } finally {
                        close(from);
                        close(to);
                    }
                },
                "throttled-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(ThrottledProxy::close);
    }
}
