package io.outsight.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * The certificates of a CA file given in the configuration ({@code elasticsearch.ca-file}, {@code kafka.ca-file}),
 * read when a client is made so that a wrong file is told as such, with its key, rather than as a failed handshake.
 */
public final class PemCertificates {
    private PemCertificates() {}

    /**
     * The X.509 certificates in the file the key names.
     *
     * @throws ConfigException when the file cannot be read or holds no certificate
     */
    public static List<Certificate> read(ConfigKey<Path> key, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates = List.copyOf(CertificateFactory.getInstance("X.509")
                    .generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new ConfigException(List.of(key.name() + ": no certificate in " + file));
            }
            return certificates;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(List.of(key.name() + ": cannot use " + file + " as a PEM CA certificate: "
                    + e.getMessage()));
        }
    }
}
