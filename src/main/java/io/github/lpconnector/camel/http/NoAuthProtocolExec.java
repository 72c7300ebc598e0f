package io.github.lpconnector.camel.http;

import java.io.IOException;

import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecCallback;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecChainHandler;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.AsyncEntityProducer;
import org.apache.hc.core5.http.support.BasicRequestBuilder;
import org.apache.hc.core5.net.URIAuthority;

/**
 * HttpClient's {@link ChainElement#PROTOCOL protocol stage} without its HTTP authentication: requests through a
 * plain (not tunnelled) proxy get an absolute request URI, every request a scheme and an authority, and nothing else
 * happens. LivePerson's tokens are headers the producer sets, and a 401 is the producer's to handle (it renews the
 * token it fetched), so the client has no credentials to answer a {@code WWW-Authenticate} challenge with; what the
 * stage would still do on every request is parse the path into the prefix its authentication state is keyed by,
 * look that state up, and check every answer for a challenge: 3.8 KiB of the 14.4 KiB the component allocated per
 * CREATE, and about 5 % of its CPU samples in a profile at 1 in flight. Proxy tunnels ({@code CONNECT}, for https)
 * are the connect stage's, which is left as it is.
 */
public final class NoAuthProtocolExec implements AsyncExecChainHandler {

    /** Where it goes in HttpClient's execution chain: in place of the protocol stage. */
    public static final String REPLACES = ChainElement.PROTOCOL.name();

    @Override
    public void execute(HttpRequest request, AsyncEntityProducer entityProducer, AsyncExecChain.Scope scope,
                        AsyncExecChain chain, AsyncExecCallback callback) throws HttpException, IOException {
        HttpRoute route = scope.route;
        HttpRequest sent = request;
        if (route.getProxyHost() != null && !route.isTunnelled()) {
            BasicRequestBuilder absolute = BasicRequestBuilder.copy(request);
            if (absolute.getAuthority() == null) {
                absolute.setAuthority(new URIAuthority(route.getTargetHost()));
            }
            absolute.setAbsoluteRequestUri(true);
            sent = absolute.build();
        }
        if (sent.getScheme() == null) {
            sent.setScheme(route.getTargetHost().getSchemeName());
        }
        if (sent.getAuthority() == null) {
            sent.setAuthority(new URIAuthority(route.getTargetHost()));
        }
        chain.proceed(sent, entityProducer, scope, callback);
    }
}
