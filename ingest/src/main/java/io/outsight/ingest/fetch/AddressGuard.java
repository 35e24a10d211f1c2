package io.outsight.ingest.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Refuses URLs whose host resolves to an address users must not reach through us: loopback, private, link-local
 * (including cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast and the
 * unspecified address. Every resolved address is checked, because one bad address is enough. Thread-safe.
 */
public final class AddressGuard {
    private final boolean allowPrivate;

    /** @param allowPrivate lift the check, for local use, the demo and tests */
    public AddressGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Empty when the host may be fetched; otherwise the reason it may not. */
    public Optional<String> check(String host) {
        if (allowPrivate) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty(); // the fetch itself reports the unknown host
        }
        for (InetAddress address : addresses) {
            if (isBlocked(address)) {
                return Optional.of(host + " resolves to " + address.getHostAddress()
                        + ", a loopback, private or link-local address (set ingest.fetch.allow-private-addresses to allow)");
            }
        }
        return Optional.empty();
    }

    static boolean isBlocked(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10 carrier-grade NAT
                || (b[0] & 0xff) == 0; // 0.0.0.0/8
    }
}
