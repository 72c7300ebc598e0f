package io.github.lpconnector.camel.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which {@link ServiceHandler} answers a request path: the handlers' paths, tried in the order given. Two handlers may
 * share a path with different methods (the file storage's PUT and GET); a request goes to the one of its method.
 */
final class Routes {

    private static final Pattern PARAMETER = Pattern.compile("\\{(\\w+)}");

    /** A path the handler answers, as a regular expression with one group per parameter. */
    private record Route(Pattern pattern, List<String> params, ServiceHandler handler) {
    }

    /** The handler of a path, with the path's parameters by name. */
    record Match(ServiceHandler handler, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    Routes(List<ServiceHandler> handlers) {
        for (ServiceHandler handler : handlers) {
            for (String template : handler.paths()) {
                routes.add(route(template, handler));
            }
        }
    }

    /** The handler of {@code path} (without query), or null if none answers it. */
    Match find(String path) {
        return find(path, null);
    }

    /**
     * The handler of {@code path} taking {@code method}, else the first handler of the path (which then refuses the
     * method), or null if none answers the path.
     */
    Match find(String path, String method) {
        Match first = null;
        for (Route route : routes) {
            Matcher m = route.pattern.matcher(path);
            if (m.matches()) {
                Map<String, String> params = new LinkedHashMap<>();
                for (int i = 0; i < route.params.size(); i++) {
                    params.put(route.params.get(i), m.group(i + 1));
                }
                Match match = new Match(route.handler, params);
                if (method == null || route.handler.method().equals(method)) {
                    return match;
                }
                first = first != null ? first : match;
            }
        }
        return first;
    }

    /** {@code /api/account/{account}/consumer} becomes {@code \Q/api/account/\E([^/]+)\Q/consumer\E}. */
    private static Route route(String template, ServiceHandler handler) {
        StringBuilder regex = new StringBuilder();
        List<String> params = new ArrayList<>();
        Matcher m = PARAMETER.matcher(template);
        int literalStart = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(literalStart, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            literalStart = m.end();
        }
        regex.append(Pattern.quote(template.substring(literalStart)));
        return new Route(Pattern.compile(regex.toString()), List.copyOf(params), handler);
    }
}
