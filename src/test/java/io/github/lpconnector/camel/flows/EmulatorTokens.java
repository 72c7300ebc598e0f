package io.github.lpconnector.camel.flows;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;

/**
 * The {@code lpTokens} bean of the example routes, backed by the emulator: one AppJWT for the account, and one
 * ConsumerJWS per customer (the emulator allows one open conversation per consumer, so every CRM customer is its
 * own consumer). In production this bean would call Sentinel and IDP (until the component acquires tokens itself).
 */
public final class EmulatorTokens {

    private final LiveEngageEmulator emulator;
    private final String accountId;
    private final String appJwt;
    private final ConcurrentMap<String, String> consumerJws = new ConcurrentHashMap<>();

    public EmulatorTokens(LiveEngageEmulator emulator, String accountId) {
        this.emulator = emulator;
        this.accountId = accountId;
        this.appJwt = emulator.issueAppJwt(accountId);
    }

    public String appJwt() {
        return appJwt;
    }

    public String consumerJws(String customerId) {
        return consumerJws.computeIfAbsent(customerId, id -> emulator.issueConsumerJws(accountId, id));
    }
}
