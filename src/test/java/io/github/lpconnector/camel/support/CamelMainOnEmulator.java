package io.github.lpconnector.camel.support;

import java.util.function.Consumer;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

/**
 * A camel-main application, configured the way users configure it ({@code camel.component.liveperson-connector.*}
 * properties), with the component pointed at an emulator. Close it to stop the application.
 */
public final class CamelMainOnEmulator implements AutoCloseable {

    private final Main main;

    private CamelMainOnEmulator(Main main) {
        this.main = main;
    }

    /**
     * Starts camel-main with the component's account and the emulator's base URI set.
     *
     * @param setup routes, further properties and settings, applied before the start
     */
    public static CamelMainOnEmulator start(LiveEngageEmulator emulator, String accountId, Consumer<Main> setup)
            throws Exception {
        Main main = new Main();
        main.addInitialProperty("camel.component.liveperson-connector.account-id", accountId);
        main.addInitialProperty("camel.component.liveperson-connector.base-uri", emulator.baseUri());
        setup.accept(main);
        main.start();
        return new CamelMainOnEmulator(main);
    }

    /** Also lets the component obtain its tokens itself, with the emulator's client credentials. */
    public static Consumer<Main> clientCredentials(LiveEngageEmulator emulator) {
        return main -> {
            main.addInitialProperty("camel.component.liveperson-connector.client-id", emulator.clientId());
            main.addInitialProperty("camel.component.liveperson-connector.client-secret", emulator.clientSecret());
        };
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public ProducerTemplate template() {
        return main.getCamelContext().createProducerTemplate();
    }

    @Override
    public void close() {
        main.stop();
    }
}
