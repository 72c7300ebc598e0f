package io.github.lpconnector.camel;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.SSLContextParametersAware;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.HealthCheckComponent;

/**
 * The {@code liveperson-connector} component: holds the options shared by its endpoints.
 */
@Component(LivePersonConnectorConstants.SCHEME)
public class LivePersonConnectorComponent extends HealthCheckComponent implements SSLContextParametersAware {

    /** The options every endpoint starts from; an endpoint URI overrides them one by one. */
    @Metadata
    private LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();

    /** Use the global SSL context parameters of the Camel context when no `sslContextParameters` is set. */
    @Metadata(label = "security", defaultValue = "false")
    private boolean useGlobalSslContextParameters;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        LivePersonConnectorOperation operation = LivePersonConnectorEndpoint.parseOperation(remaining);
        LivePersonConnectorEndpoint endpoint = new LivePersonConnectorEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        if (endpoint.getConfiguration().getSslContextParameters() == null) {
            endpoint.getConfiguration().setSslContextParameters(retrieveGlobalSslContextParameters());
        }
        return endpoint;
    }

    public LivePersonConnectorConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(LivePersonConnectorConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public boolean isUseGlobalSslContextParameters() {
        return useGlobalSslContextParameters;
    }

    @Override
    public void setUseGlobalSslContextParameters(boolean useGlobalSslContextParameters) {
        this.useGlobalSslContextParameters = useGlobalSslContextParameters;
    }
}
