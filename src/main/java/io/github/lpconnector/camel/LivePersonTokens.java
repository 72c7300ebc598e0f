package io.github.lpconnector.camel;

import java.util.Map;

import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.HEADER_AUTHORIZATION;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HEADER_ON_BEHALF;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;

/**
 * Finds the two tokens of an exchange: its exchange properties first, then the endpoint's options. Never reads
 * message headers, which an inbound Kafka or JMS message could set.
 */
final class LivePersonTokens {

    private final LivePersonConnectorConfiguration configuration;

    LivePersonTokens(LivePersonConnectorConfiguration configuration) {
        this.configuration = configuration;
    }

    /** The {@code Authorization} and {@code X-LP-ON-BEHALF} headers for this exchange. */
    Map<String, String> authHeaders(Exchange exchange) {
        String appJwt = find(exchange, PROPERTY_APP_JWT, configuration.getAppJwt(), "appJwt");
        String consumerJws = find(exchange, PROPERTY_CONSUMER_JWS, configuration.getConsumerJws(), "consumerJws");
        return Map.of(HEADER_AUTHORIZATION, appJwt, HEADER_ON_BEHALF, consumerJws);
    }

    private static String find(Exchange exchange, String property, String option, String optionName) {
        Object value = exchange.getProperty(property);
        String token = value != null ? value.toString() : option;
        String source = value != null ? "exchange property " + property : "option " + optionName;
        if (token == null || token.isBlank()) {
            throw new LivePersonValidationException(property,
                    "missing: set exchange property " + property + " or option " + optionName);
        }
        return LivePersonInputRules.token(property, source, token);
    }
}
