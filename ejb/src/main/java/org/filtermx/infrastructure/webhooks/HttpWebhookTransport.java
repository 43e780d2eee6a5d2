package org.filtermx.infrastructure.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.filtermx.application.port.WebhookTransport;
import org.filtermx.domain.model.webhook.WebhookSignature;

/**
 * POSTs webhook events with the JDK's HTTP client: redirects are not followed (a 3xx is a failure,
 * so a receiver cannot send the signed event elsewhere), connecting may take {@value
 * #CONNECT_SECONDS} s and the answer's status must come within {@value #REQUEST_SECONDS} s. Only
 * the status counts: the answer's body is never read, its stream is closed at once, which drops the
 * connection, so a receiver cannot hold a node with an endless or slow body.
 *
 * <p>A webhook is registered by a reseller, not only by the operator: its host must resolve to
 * public addresses only, or the node would POST on a reseller's behalf to services on its own
 * network (loopback, private, link-local, unique-local, CGNAT, multicast). The check runs before
 * each attempt, on the addresses the JVM's resolver cache then also gives the HTTP client. {@code
 * FILTERMX_WEBHOOK_PRIVATE_TARGETS=true} allows such targets (receivers on the provider's own
 * network, and the tests' loopback receivers).
 */
@ApplicationScoped
public class HttpWebhookTransport implements WebhookTransport {

    static final int CONNECT_SECONDS = 5;
    static final int REQUEST_SECONDS = 10;

    private final boolean privateTargets = "true".equalsIgnoreCase(setting());

    private final HttpClient client =
            HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(CONNECT_SECONDS))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();

    /** FILTERMX_WEBHOOK_PRIVATE_TARGETS: a system property of that name, else the environment. */
    private static String setting() {
        String name = "FILTERMX_WEBHOOK_PRIVATE_TARGETS";
        String value = System.getProperty(name, System.getenv(name));
        return value == null ? "false" : value.strip();
    }

    @Override
    public Outcome post(
            String url, String body, String signatureHeader, String event, String deliveryId) {
        HttpRequest request;
        try {
            request =
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(REQUEST_SECONDS))
                            .header("Content-Type", "application/json")
                            .header("User-Agent", "FilterMX-Webhook/1.0")
                            .header(WebhookSignature.HEADER, signatureHeader)
                            .header("FilterMX-Event", event)
                            .header("FilterMX-Delivery", deliveryId)
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build();
        } catch (IllegalArgumentException e) {
            return new Outcome(0, "invalid url");
        }
        if (!privateTargets) {
            String refused = PublicAddresses.refusal(request.uri().getHost());
            if (refused != null) {
                return new Outcome(0, refused);
            }
        }
        try {
            HttpResponse<InputStream> response =
                    client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            int status = response.statusCode();
            return status >= 200 && status < 300
                    ? new Outcome(status, null)
                    : new Outcome(status, "HTTP " + status);
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(0, "no answer within " + REQUEST_SECONDS + " seconds");
        } catch (IOException e) {
            return new Outcome(0, "connection failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(0, "interrupted");
        }
    }
}
