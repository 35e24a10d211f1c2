package io.outsight.ingest.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's name resolution: resolves with the system resolver and checks every address with the
 * {@link AddressGuard} before the client connects to one of exactly these addresses. Because the check and the
 * connection use the same answer, a name cannot pass the check and then be re-resolved to a private address (DNS
 * rebinding). Thread-safe.
 */
final class GuardedDnsResolver implements DnsResolver {
    private final AddressGuard guard;
    private final DnsResolver dns;

    /** @param dns the resolver asked first (the system's; tests pass a fake one) */
    GuardedDnsResolver(AddressGuard guard, DnsResolver dns) {
        this.guard = guard;
        this.dns = dns;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        var blocked = guard.check(host, addresses);
        if (blocked.isPresent()) {
            throw new BlockedAddressException(blocked.get());
        }
        return addresses;
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        var out = new ArrayList<InetSocketAddress>();
        for (InetAddress address : resolve(host)) {
            out.add(new InetSocketAddress(address, port));
        }
        return out;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }
}
