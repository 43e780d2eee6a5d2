package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The console over plain HTTP ({@link ConsoleSecurityIT}, {@link ClusterFailoverIT}), as a browser
 * without scripts uses it: a cookie store, the login form with its view state and CSP nonce, no
 * redirect followed by itself. Cookies are kept per host, not per port, so two servers on one
 * address share them, as two nodes behind one name do.
 */
final class ConsoleHttpSession {

    static final Pattern VIEW_STATE =
            Pattern.compile("name=\"jakarta.faces.ViewState\"[^>]*value=\"([^\"]+)\"");
    static final Pattern NONCE = Pattern.compile("PrimeFaces\\.csp\\.init\\('([^']+)'\\)");

    private final CookieManager cookies = new CookieManager();
    private final HttpClient http =
            HttpClient.newBuilder()
                    .cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A form POST from a page of {@code base} (its own origin). */
    HttpResponse<String> post(String base, String path, Map<String, String> form) throws Exception {
        return post(base, path, form, base);
    }

    /** A form POST with the {@code Origin} header given, or none when {@code origin} is null. */
    HttpResponse<String> post(String base, String path, Map<String, String> form, String origin)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        form.entrySet().stream()
                                                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                                                .collect(Collectors.joining("&"))));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in through the form at {@code base}; the answer (302 to the console when it worked). */
    HttpResponse<String> login(String base, String user, String password) throws Exception {
        return post(
                base, "/login.xhtml", loginForm(get(base, "/login.xhtml").body(), user, password));
    }

    /** The login form of {@code page} (a login page's HTML), filled in. */
    static Map<String, String> loginForm(String page, String user, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("login", "login");
        form.put("login:username", user);
        form.put("login:password", password);
        form.put("login:submit", "");
        form.put("jakarta.faces.ViewState", find(VIEW_STATE, page));
        form.put("primefaces.nonce", find(NONCE, page));
        return form;
    }

    /** The add-domain form of the console's domains page, filled in. */
    static Map<String, String> addDomainForm(String domain, String viewState, String nonce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("add", "add");
        form.put("add:name", domain);
        form.put("add:host", "127.0.0.1");
        form.put("add:port_input", "2525");
        form.put("add:port_hinput", "2525");
        form.put("add:priority_input", "10");
        form.put("add:priority_hinput", "10");
        form.put("add:addDomain", "");
        form.put("jakarta.faces.ViewState", viewState);
        form.put("primefaces.nonce", nonce);
        return form;
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as("page has " + p).isTrue();
        return m.group(1);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
