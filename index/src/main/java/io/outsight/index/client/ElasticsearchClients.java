package io.outsight.index.client;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import io.outsight.core.config.Config;
import io.outsight.core.config.ConfigException;
import io.outsight.core.config.ConfigKeys;
import io.outsight.core.config.PemCertificates;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Builds the official Elasticsearch client from the configuration. The client is thread-safe; close it when done.
 *
 * <p>The credentials travel as a default {@code Authorization} header of every request. Nothing here logs them, but
 * the client's transport, Apache HttpClient 5, logs every request header on {@code org.apache.hc.client5.http.headers}
 * at DEBUG (and the raw bytes on {@code org.apache.hc.client5.http.wire}): an application's logging configuration
 * must keep those loggers off, as the {@code outsight} command's does.
 */
public final class ElasticsearchClients {
    private ElasticsearchClients() {}

    /**
     * A client for {@code url} with the credentials and CA file of the configuration (secrets are never logged). A
     * secret given as a file ({@code elasticsearch.password-file}, {@code elasticsearch.api-key-file}) has already
     * been read into its key by {@link io.outsight.core.config.ConfigLoader}.
     *
     * @throws ConfigException when the CA file cannot be read as PEM certificates
     */
    public static ElasticsearchClient create(String url, Config config) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(config, "config");
        return ElasticsearchClient.of(b -> {
            b.host(url).jsonMapper(new JacksonJsonpMapper());
            config.find(ConfigKeys.ELASTICSEARCH_API_KEY).ifPresent(b::apiKey);
            config.find(ConfigKeys.ELASTICSEARCH_USERNAME).ifPresent(user ->
                    b.usernameAndPassword(user, config.get(ConfigKeys.ELASTICSEARCH_PASSWORD)));
            config.find(ConfigKeys.ELASTICSEARCH_CA_FILE).ifPresent(ca -> b.sslContext(trusting(ca)));
            return b;
        });
    }

    /** An SSL context that trusts exactly the certificates in a PEM file. */
    static SSLContext trusting(Path caFile) {
        List<Certificate> certificates = PemCertificates.read(ConfigKeys.ELASTICSEARCH_CA_FILE, caFile);
        try {
            var trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            var context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(List.of(ConfigKeys.ELASTICSEARCH_CA_FILE.name() + ": cannot use " + caFile
                    + " as a PEM CA certificate: " + e.getMessage()));
        }
    }
}
