package io.outsight.ingest.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Refuses hosts that resolve to an address users must not reach through us: loopback, private, link-local
 * (including cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local IPv6, multicast and the
 * unspecified address, also when written as an IPv4-mapped IPv6 address. Every resolved address is checked, because
 * one bad address is enough. Thread-safe.
 *
 * <p>{@link PageFetcher} checks the addresses its HTTP client actually connects to (see {@link GuardedDnsResolver}),
 * so a name that resolves to a public address once and a private one next time (DNS rebinding) is still refused.
 */
public final class AddressGuard {
    private final boolean allowPrivate;
    private final Predicate<InetAddress> exempt;

    /** @param allowPrivate lift the check, for local use, the demo and tests */
    public AddressGuard(boolean allowPrivate) {
        this(allowPrivate, address -> false);
    }

    /** A guard that lets some blocked addresses through: tests exempt the loopback address of their server. */
    AddressGuard(boolean allowPrivate, Predicate<InetAddress> exempt) {
        this.allowPrivate = allowPrivate;
        this.exempt = exempt;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Resolves the host and checks every address. Empty when the host may be fetched; otherwise the reason. */
    public Optional<String> check(String host) {
        Objects.requireNonNull(host, "host");
        if (allowPrivate) {
            return Optional.empty();
        }
        try {
            return check(host, InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            return Optional.empty(); // the fetch itself reports the unknown host
        }
    }

    /** Checks addresses already resolved for the host. Empty when all may be reached; otherwise the reason. */
    public Optional<String> check(String host, InetAddress[] addresses) {
        if (allowPrivate) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isBlocked(address) && !exempt.test(address)) {
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
            if (isIpv4Mapped(b)) {
                try {
                    return isBlocked(Inet4Address.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true; // cannot happen for 4 bytes; refuse rather than guess
                }
            }
            return (b[0] & 0xfe) == 0xfc // fc00::/7 unique local
                    || (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0; // fec0::/10 deprecated site-local
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // 100.64.0.0/10 carrier-grade NAT
                || (b[0] & 0xff) == 0 // 0.0.0.0/8
                || (b[0] & 0xff) == 198 && ((b[1] & 0xfe) == 18); // 198.18.0.0/15 benchmarking, used inside clouds
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
