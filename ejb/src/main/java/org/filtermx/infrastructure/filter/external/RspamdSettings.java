package org.filtermx.infrastructure.filter.external;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where rspamd's workers listen and how the client talks to them: the normal worker checks
 * messages, the controller worker learns them (and may require a password).
 *
 * @param url base URL of the normal worker, e.g. {@code http://127.0.0.1:11333}
 * @param controllerUrl base URL of the controller worker, e.g. {@code http://127.0.0.1:11334}
 * @param password the controller's {@code password} or {@code enable_password}; empty for none
 *     (rspamd lets {@code secure_ip} addresses, by default loopback, learn without one)
 * @param connectTimeout bound on the TCP connect
 * @param budget bound on one check or learn, from connect to the complete reply
 */
public record RspamdSettings(
        URI url, URI controllerUrl, String password, Duration connectTimeout, Duration budget) {

    public static final int DEFAULT_CONTROLLER_PORT = 11334;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(10);

    public RspamdSettings {
        requireHttp(url, "url");
        requireHttp(controllerUrl, "controllerUrl");
        password = password == null ? "" : password;
        Timeouts.requirePositive(connectTimeout, "connectTimeout");
        Timeouts.requirePositive(budget, "budget");
    }

    /**
     * The defaults for the normal worker at {@code url}, with the controller on the same host at
     * port 11334.
     */
    public static RspamdSettings at(String url) {
        URI worker = URI.create(url.strip());
        requireHttp(worker, "url");
        URI controller = URI.create("http://" + worker.getHost() + ":" + DEFAULT_CONTROLLER_PORT);
        return new RspamdSettings(worker, controller, "", DEFAULT_CONNECT_TIMEOUT, DEFAULT_BUDGET);
    }

    public RspamdSettings withController(String controller, String controllerPassword) {
        return new RspamdSettings(
                url, URI.create(controller.strip()), controllerPassword, connectTimeout, budget);
    }

    public RspamdSettings withTimeouts(Duration connect, Duration requestBudget) {
        return new RspamdSettings(url, controllerUrl, password, connect, requestBudget);
    }

    /** The endpoint {@code path} (such as {@code checkv2}) under a worker's base URL. */
    static URI endpoint(URI base, String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text : text + "/") + path);
    }

    private static void requireHttp(URI uri, String name) {
        Objects.requireNonNull(uri, name);
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null) {
            // rspamd's workers serve plain HTTP; a remote rspamd is reached over a private network.
            throw new IllegalArgumentException(name + " must be an http:// URL: " + uri);
        }
    }
}
