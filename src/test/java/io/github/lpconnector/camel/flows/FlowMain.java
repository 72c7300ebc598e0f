package io.github.lpconnector.camel.flows;

import java.util.Map;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/** Starts example routes the way a user runs them: camel-main, routes from routes-examples/, properties. */
public final class FlowMain {

    /**
     * The share of CREATE and SEND requests the emulator answers 429 at random in the tests under faults. A 429 pauses
     * the whole account for at least 1 s (the rate governor): at 20 % the account would be paused nearly all the
     * time, whatever the flows do, so the faults keep a few 429s, which exercise the retry through the account's pace.
     */
    public static final double RANDOM_429_SHARE = 0.02;

    public static final String ACCOUNT = "71234567";

    private FlowMain() {
    }

    /**
     * @param routes      a routes-include-pattern ({@code file:routes-examples/...}) or null
     * @param javaPackage a package of Java DSL RouteBuilders to scan, or null
     */
    public static Main start(String routes, String javaPackage, LiveEngageEmulator emulator,
                             Map<String, String> properties, Map<String, Object> beans) throws Exception {
        Main main = new Main();
        if (routes != null) {
            main.configure().withRoutesIncludePattern(routes);
        }
        if (javaPackage != null) {
            main.configure().withBasePackageScan(javaPackage);
        }
        main.configure().withShutdownTimeout(30);
        main.addInitialProperty("camel.component.liveperson-connector.account-id", ACCOUNT);
        main.addInitialProperty("camel.component.liveperson-connector.base-uri", emulator.baseUri());
        // the component obtains the AppJWT (Sentinel) and each customer's ConsumerJWS (IDP) from the emulator
        main.addInitialProperty("camel.component.liveperson-connector.client-id", emulator.clientId());
        main.addInitialProperty("camel.component.liveperson-connector.client-secret", emulator.clientSecret());
        properties.forEach(main::addInitialProperty);
        beans.forEach(main::bind);
        main.start();
        return main;
    }

    public static CamelContext context(Main main) {
        return main.getCamelContext();
    }
}
