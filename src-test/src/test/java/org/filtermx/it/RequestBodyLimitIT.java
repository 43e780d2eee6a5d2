package org.filtermx.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.junit.jupiter.api.Test;

/**
 * Request bodies over the limit get a clear answer and change nothing: a declared length over 10
 * MiB is 413 with the API's JSON error, a chunked body to anything but the bulk training form is
 * 411, and a chunked JSON body of acceptable size still works. (The bulk form's larger uploads:
 * TrainingIT.)
 */
@GatewayTest
@RunAsClient
class RequestBodyLimitIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();

    private final Api api = Gateway.admin();

    @Test
    void aBodyOverTheLimitIsRefusedWithAJsonErrorAndChangesNothing() throws Exception {
        String domain = Gateway.uniqueDomain("bodylimit");
        char[] padding = new char[11 * 1024 * 1024];
        Arrays.fill(padding, ' ');
        String json =
                "{\"name\":\""
                        + domain
                        + "\",\"destinations\":[{\"host\":\"127.0.0.1\",\"port\":2525}]}"
                        + new String(padding);
        HttpResponse<String> big =
                send(
                        "/domains",
                        HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8),
                        "application/json");
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(big.body()).contains("\"error\":\"Content Too Large\"");
        assertThat(api.get("/domains/" + domain).status()).isEqualTo(404);

        // The same body of unknown length (chunked): 411, nothing read.
        HttpResponse<String> chunked =
                send(
                        "/domains",
                        HttpRequest.BodyPublishers.ofInputStream(
                                () ->
                                        new ByteArrayInputStream(
                                                json.getBytes(StandardCharsets.UTF_8))),
                        "application/json");
        assertThat(chunked.statusCode()).isEqualTo(411);
        assertThat(chunked.body()).contains("\"error\":\"Length Required\"");
        assertThat(api.get("/domains/" + domain).status()).isEqualTo(404);

        // Under the limit, with its length declared, the same request is taken.
        HttpResponse<String> small =
                send(
                        "/domains",
                        HttpRequest.BodyPublishers.ofString(json.strip(), StandardCharsets.UTF_8),
                        "application/json");
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
    }

    private static HttpResponse<String> send(
            String path, HttpRequest.BodyPublisher body, String type) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(
                                URI.create(
                                        "http://"
                                                + Gateway.HOST
                                                + ":"
                                                + Gateway.HTTP_PORT
                                                + "/api/v1"
                                                + path))
                        .header("Content-Type", type)
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + Gateway.ADMIN_PASSWORD)
                                                                .getBytes(StandardCharsets.UTF_8)))
                        .POST(body)
                        .timeout(Duration.ofSeconds(60))
                        .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
