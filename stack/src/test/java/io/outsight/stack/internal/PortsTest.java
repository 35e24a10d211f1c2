package io.outsight.stack.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void choosesTheProposedPortWhenItIsFree() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            port = probe.getLocalPort();
        }
        assertEquals(port, Ports.choose(port));
    }

    @Test
    void choosesAnotherFreePortWhenThePreferredOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(Ports.LOOPBACK, 0));
            int port = taken.getLocalPort();
            assertFalse(Ports.isFree(port));

            int chosen = Ports.choose(port);

            assertNotEquals(port, chosen);
            assertTrue(Ports.isFree(chosen));
        }
    }

    @Test
    void zeroMeansAnyFreePort() {
        int chosen = Ports.choose(0);
        assertTrue(chosen > 0);
        assertTrue(Ports.isFree(chosen));
    }

    @Test
    void neverHandsOutTheSamePortTwice() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            assertTrue(ports.add(Ports.free()), "port handed out twice: " + ports);
        }
    }

    @Test
    void acceptsTellsWhetherSomethingListens() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, Ports.LOOPBACK)) {
            assertTrue(Ports.accepts(listening.getLocalPort(), 1000));
        }
        int closed = Ports.free();
        assertFalse(Ports.accepts(closed, 1000));
    }
}
