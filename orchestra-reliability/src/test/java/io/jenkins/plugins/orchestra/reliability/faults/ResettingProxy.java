package io.jenkins.plugins.orchestra.reliability.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (an sshd): it forwards both ways, and the first connection that has
 * carried more than {@code resetAfter} bytes from the client (an SFTP upload under way) is reset, with an RST on both
 * sides, as a NAT or a firewall that drops a flow does. Later connections pass untouched.
 */
final class ResettingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long resetAfter;
    private final AtomicBoolean resetDone = new AtomicBoolean();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    private ResettingProxy(ServerSocket listener, InetSocketAddress upstream, long resetAfter) {
        this.listener = listener;
        this.upstream = upstream;
        this.resetAfter = resetAfter;
    }

    static ResettingProxy start(InetSocketAddress upstream, long resetAfter) throws IOException {
        ResettingProxy proxy =
                new ResettingProxy(new ServerSocket(0, 16, InetAddress.getByName("127.0.0.1")), upstream, resetAfter);
        Thread accept = new Thread(proxy::accept, "resetting-proxy");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Whether a connection has been reset. */
    boolean hasReset() {
        return resetDone.get();
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket();
                server.connect(upstream, 5000);
                connections.incrementAndGet();
                open.add(client);
                open.add(server);
                AtomicBoolean reset = new AtomicBoolean();
                pump(client, server, true, reset);
                pump(server, client, false, reset);
            } catch (IOException e) {
                // closed, or the upstream is down: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient, AtomicBoolean reset) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    long carried = 0;
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            out.write(buffer, 0, n);
                            carried += n;
                            if (fromClient && carried > resetAfter && resetDone.compareAndSet(false, true)) {
                                reset.set(true);
                                abort(from);
                                abort(to);
                                return;
                            }
                        }
                        to.shutdownOutput();
                    } catch (IOException e) {
                        if (!reset.get()) {
                            closeQuietly(to);
                        }
                    }
                },
                "resetting-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Closes with SO_LINGER 0: the peer gets an RST, not a FIN. */
    private static void abort(Socket s) {
        try {
            s.setSoLinger(true, 0);
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        open.forEach(ResettingProxy::closeQuietly);
    }
}
