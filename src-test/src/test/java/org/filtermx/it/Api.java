package org.filtermx.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A small JSON-over-HTTP client for the gateway's REST API, with HTTP Basic credentials. */
final class Api {

    /** Status and body of one response. */
    record Response(int status, String body) {}

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String authorization;

    Api(String user, String password) {
        this.authorization =
                user == null
                        ? null
                        : "Basic " + Base64.getEncoder().encodeToString(
                                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
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

    /** Adds a hosted domain delivering to one destination on loopback; fails the test if refused. */
    void addDomain(String name, int destinationPort) {
        Response r =
                post("/domains", "{\"name\":\"" + name + "\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":"
                        + destinationPort + "}]}");
        if (r.status() != 201) {
            throw new AssertionError("adding " + name + " failed: " + r);
        }
    }

    Response send(String method, String path, String json) {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://" + Gateway.HOST + ":" + Gateway.HTTP_PORT + "/api/v1" + path))
                        .timeout(Duration.ofSeconds(30))
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
