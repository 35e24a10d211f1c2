package io.outsight.ingest.fetch;

import java.net.UnknownHostException;

/**
 * Thrown by {@link GuardedDnsResolver} when a host resolves to an address that must not be reached. It is an
 * {@link UnknownHostException} so that the HTTP client gives up on the host without trying another address.
 */
final class BlockedAddressException extends UnknownHostException {
    BlockedAddressException(String reason) {
        super(reason);
    }
}
