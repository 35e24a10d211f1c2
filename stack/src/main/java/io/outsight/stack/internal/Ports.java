package io.outsight.stack.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Chooses loopback ports for the servers. Thread-safe.
 *
 * <p>A port is free when a server socket can be bound to it on 127.0.0.1, with {@code SO_REUSEADDR} as the servers
 * themselves bind (so a port still in TIME_WAIT after a restart counts as free). Ports handed out by this JVM are
 * remembered and never handed out twice, because two servers starting in parallel would otherwise be able to get the
 * same ephemeral port that the kernel just released.
 */
public final class Ports {
    /** The only address the local servers bind to. */
    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {}

    /** The preferred port when it is free (and not 0), otherwise a free ephemeral port. */
    public static synchronized int choose(int preferred) {
        if (preferred < 0 || preferred > 65_535) {
            throw new IllegalArgumentException("port out of range: " + preferred);
        }
        if (preferred != 0 && isFree(preferred)) {
            HANDED_OUT.add(preferred);
            return preferred;
        }
        return free();
    }

    /** A free ephemeral port that this JVM has not handed out before. */
    public static synchronized int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(LOOPBACK, 0));
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot bind any port on " + LOOPBACK.getHostAddress(), e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port after 100 attempts");
    }

    /** Whether a server could bind this port on 127.0.0.1 right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:port (a cheap readiness pre-check). */
    public static boolean accepts(int port, int timeoutMillis) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
