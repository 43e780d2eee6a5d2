package org.filtermx.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A small JSON-over-HTTP client for the gateway's REST API, with HTTP Basic credentials. */
final class Api {

    /** Status, body and headers of one response. */
    record Response(int status, String body, Map<String, List<String>> headers) {

        /** The body as a JSON object. */
        Map<String, Object> json() {
            return Json.object(body);
        }

        /** The body as a JSON array of objects. */
        List<Map<String, Object>> jsonArray() {
            return Json.arrayOfObjects(body);
        }

        /** The first value of a header, or null. */
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String authorization;
    private final String forwardedFor;

    Api(String user, String password) {
        this.authorization =
                user == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user + ":" + password)
                                                        .getBytes(StandardCharsets.UTF_8));
        this.forwardedFor = null;
    }

    private Api(Api base, String authorization, String forwardedFor) {
        this.authorization = authorization;
        this.forwardedFor = forwardedFor;
    }

    /** A client that sends {@code authorization} as its Authorization header, verbatim. */
    static Api withAuthorization(String authorization) {
        return new Api(null, authorization, null);
    }

    /**
     * This client behind the tests' reverse proxy (127.0.0.1 is a trusted proxy in the test
     * environment): the requests say, in {@code X-Forwarded-For}, that they come from {@code
     * client}.
     */
    Api via(String client) {
        return new Api(this, authorization, client);
    }

    /** A client that sends no credentials. */
    static Api anonymous() {
        return new Api(null, null);
    }

    Response get(String path) {
        return send("GET", path, null);
    }

    Response post(String path, String json) {
        return send("POST", path, json);
    }

    Response put(String path, String json) {
        return send("PUT", path, json);
    }

    Response delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * Adds a hosted domain delivering to one destination on loopback; fails the test if refused.
     */
    void addDomain(String name, int destinationPort) {
        Response r =
                post(
                        "/domains",
                        "{\"name\":\""
                                + name
                                + "\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":"
                                + destinationPort
                                + "}]}");
        if (r.status() != 201) {
            throw new AssertionError("adding " + name + " failed: " + r);
        }
    }

    /**
     * Adds a domain as this caller (a reseller: the domain is pending until control is proven) with
     * a destination in the documentation range, which a reseller may set; then the administrator
     * approves it and points it at loopback {@code destinationPort}, which only an administrator
     * may set (ADR 0014). Fails the test if a step is refused.
     */
    void addTenantDomain(String name, int destinationPort) {
        Response r =
                post(
                        "/domains",
                        "{\"name\":\""
                                + name
                                + "\",\"destinations\":[{\"host\":\"192.0.2.1\",\"port\":25}]}");
        if (r.status() != 201) {
            throw new AssertionError("adding " + name + " failed: " + r);
        }
        Api admin = Gateway.admin();
        Response routed =
                admin.put(
                        "/domains/" + name + "/destinations",
                        "[{\"host\":\"127.0.0.1\",\"port\":" + destinationPort + "}]");
        if (routed.status() != 200) {
            throw new AssertionError("routing " + name + " to loopback failed: " + routed);
        }
        admin.approve(name);
    }

    /** As an administrator, approves the pending names of a domain; fails the test if refused. */
    void approve(String name) {
        Response r = post("/domains/" + name + "/approve", "{}");
        if (r.status() != 200 || !"active".equals(r.json().get("status"))) {
            throw new AssertionError("approving " + name + " failed: " + r);
        }
    }

    /** Log entries matching {@code query} (alternating names and values), newest first. */
    List<Map<String, Object>> log(String... query) {
        Response r = get("/log" + query(query));
        if (r.status() != 200) {
            throw new AssertionError("log search failed: " + r);
        }
        return r.jsonArray();
    }

    /** One log entry with its history. */
    Map<String, Object> logEntry(Object id) {
        Response r = get("/log/" + id(id));
        if (r.status() != 200) {
            throw new AssertionError("log entry " + id + ": " + r);
        }
        return r.json();
    }

    /**
     * Polls the log search until {@code done} holds for its result; returns the last result (the
     * caller asserts on it, so a timeout shows what the log held).
     */
    List<Map<String, Object>> awaitLog(
            Predicate<List<Map<String, Object>>> done, Duration timeout, String... query)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, Object>> entries = log(query);
        while (!done.test(entries) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            entries = log(query);
        }
        return entries;
    }

    /** Whether every one of at least {@code count} entries has {@code status}. */
    static Predicate<List<Map<String, Object>>> allWithStatus(int count, String status) {
        return entries ->
                entries.size() >= count
                        && entries.stream().allMatch(e -> status.equals(e.get("status")));
    }

    /** A JSON number as the log id the API expects in a path. */
    static String id(Object jsonNumber) {
        return jsonNumber instanceof Double d
                ? Long.toString(d.longValue())
                : String.valueOf(jsonNumber);
    }

    /** {@code ?a=1&b=2} from alternating names and values, URL-encoded. */
    static String query(String... namesAndValues) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            sb.append(i == 0 ? '?' : '&')
                    .append(namesAndValues[i])
                    .append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /** POSTs a {@code text/csv} body. */
    Response postCsv(String path, String csv) {
        return send("POST", path, csv, "text/csv");
    }

    Response send(String method, String path, String json) {
        return send(method, path, json, "application/json");
    }

    private Response send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://"
                                                + Gateway.HOST
                                                + ":"
                                                + Gateway.HTTP_PORT
                                                + "/api/v1"
                                                + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (forwardedFor != null) {
            b.header("X-Forwarded-For", forwardedFor);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().map());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
