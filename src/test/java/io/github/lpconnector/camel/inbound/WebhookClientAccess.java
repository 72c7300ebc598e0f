package io.github.lpconnector.camel.inbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.flows.FlowMain;

/** {@link WebhookClient} for tests of other packages: posts as LiveEngage does to a local notifications endpoint. */
public final class WebhookClientAccess {

    private final WebhookClient client;

    private WebhookClientAccess(WebhookClient client) {
        this.client = client;
    }

    /** Posts to {@code /liveperson/notifications} on {@code port}, signed with the emulator's client secret. */
    public static WebhookClientAccess to(int port, LiveEngageEmulator emulator) {
        return new WebhookClientAccess(new WebhookClient(URI.create("http://127.0.0.1:" + port
                                                                    + "/liveperson/notifications"),
                FlowMain.ACCOUNT, emulator.clientId(), emulator.clientSecret()));
    }

    public HttpResponse<String> post(String body) throws Exception {
        return client.post(body);
    }

    public static int freePort() throws IOException {
        return WebhookClient.freePort();
    }

    public static String agentText(String conversationId, long sequence, String text) {
        return WebhookClient.agentText(conversationId, sequence, text);
    }
}
