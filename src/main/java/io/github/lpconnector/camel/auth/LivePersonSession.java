package io.github.lpconnector.camel.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;

/**
 * What the endpoints of one account and one set of client credentials share: the service hosts, the AppJWT and
 * the ConsumerJWSs. The component keeps one per {@link Key}, so a route that creates, sends and closes through three
 * endpoints still makes one domain lookup, one token call and one IDP call per consumer.
 */
public final class LivePersonSession {

    /**
     * What makes two endpoints share a session. The secret is held only as a digest.
     */
    public record Key(String accountId, String domain, String csdsDomain, String baseUri, String clientId,
            String clientSecretDigest, int consumerJwsCacheSize) {

        public static Key of(LivePersonConnectorConfiguration configuration, URI baseUri) {
            return new Key(configuration.getAccountId(), configuration.getDomain(), configuration.getCsdsDomain(),
                    baseUri != null ? baseUri.toString() : null, configuration.getClientId(),
                    digest(configuration.getClientSecret()), configuration.getConsumerJwsCacheSize());
        }

        private static String digest(String secret) {
            if (secret == null) {
                return null;
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(secret.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final ServiceDomains domains;
    private final AppJwtProvider appJwts;
    private final ConsumerJwsProvider consumerJwss;

    public LivePersonSession(LivePersonConnectorConfiguration configuration, URI baseUri, Clock clock) {
        String accountId = configuration.getAccountId();
        this.domains = new ServiceDomains(accountId, emptyToNull(configuration.getDomain()),
                configuration.getCsdsDomain(), baseUri);
        this.appJwts = configuration.hasClientCredentials()
                ? new AppJwtProvider(accountId, configuration.getClientId(), configuration.getClientSecret(), clock)
                : null;
        this.consumerJwss = new ConsumerJwsProvider(accountId, configuration.getConsumerJwsCacheSize());
    }

    public ServiceDomains domains() {
        return domains;
    }

    /** The AppJWT provider, or null when no client credentials are configured. */
    public AppJwtProvider appJwts() {
        return appJwts;
    }

    public ConsumerJwsProvider consumerJwss() {
        return consumerJwss;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
