package io.outsight.ingest.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressGuardTest {
    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, true", "10.1.2.3, true", "172.16.0.1, true", "192.168.1.1, true", "169.254.169.254, true",
        "100.64.0.1, true", "0.0.0.0, true", "::1, true", "fd00::1, true", "fe80::1, true", "224.0.0.1, true",
        "::ffff:10.0.0.1, true", "::ffff:127.0.0.1, true", "198.18.0.1, true", "fec0::1, true",
        "93.184.216.34, false", "8.8.8.8, false", "2606:4700::1111, false", "::ffff:8.8.8.8, false",
    })
    void classifiesAddresses(String address, boolean blocked) throws UnknownHostException {
        assertEquals(blocked, AddressGuard.isBlocked(InetAddress.getByName(address)), address);
    }

    @Test
    void refusesLoopbackNamesWithAReasonThatSaysHowToAllowThem() {
        var reason = new AddressGuard(false).check("localhost");
        assertTrue(reason.isPresent());
        assertTrue(reason.get().contains("ingest.fetch.allow-private-addresses"), reason.get());
    }

    @Test
    void allowsEverythingWhenPrivateAddressesAreAllowed() {
        assertTrue(new AddressGuard(true).check("127.0.0.1").isEmpty());
    }
}
