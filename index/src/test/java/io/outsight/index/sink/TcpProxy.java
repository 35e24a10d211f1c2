package io.outsight.index.sink;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a server, for breaking connections on purpose: {@link #breakAfter} arms a
 * fault that, once that many bytes went from clients to the server, closes every open connection and turns away
 * new ones for a while (accepted, then closed at once, as a crashed or restarting server would). Thread-safe.
 */
final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong upstreamBytes = new AtomicLong();
    private final AtomicLong breakAtBytes = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong outageEndsAt = new AtomicLong(0);
    private final AtomicLong breaks = new AtomicLong();
    private final AtomicLong turnedAway = new AtomicLong();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile Duration outage = Duration.ZERO;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::acceptLoop);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Once {@code bytes} more bytes went upstream, cut every connection and refuse service for {@code outage}. */
    void breakAfter(long bytes, Duration outage) {
        this.outage = outage;
        breakAtBytes.set(upstreamBytes.get() + bytes);
    }

    long breaks() {
        return breaks.get();
    }

    /** Connections turned away during outages. */
    long turnedAway() {
        return turnedAway.get();
    }

    private boolean inOutage() {
        return System.nanoTime() - outageEndsAt.get() < 0;
    }

    private void acceptLoop() {
        while (open.get()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            if (inOutage()) {
                turnedAway.incrementAndGet();
                closeQuietly(client);
                continue;
            }
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, true));
                Thread.ofVirtual().start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
                if (upstream && upstreamBytes.addAndGet(n) >= breakAtBytes.get()) {
                    cutEverything();
                    return;
                }
            }
        } catch (IOException e) {
            // one side closed or was cut: close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private synchronized void cutEverything() {
        if (breakAtBytes.get() == Long.MAX_VALUE) {
            return; // another pump already cut
        }
        breakAtBytes.set(Long.MAX_VALUE);
        outageEndsAt.set(System.nanoTime() + outage.toNanos());
        breaks.incrementAndGet();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // RST, like a connection that died, rather than an orderly FIN
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        open.set(false);
        server.close();
        sockets.forEach(TcpProxy::closeQuietly);
    }

    static InetSocketAddress parse(String url) {
        var uri = java.net.URI.create(url);
        return new InetSocketAddress(uri.getHost(), uri.getPort());
    }
}
