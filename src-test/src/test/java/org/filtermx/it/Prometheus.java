package org.filtermx.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scrapes the gateway's management interface as Prometheus does ({@code GET /metrics}, the text
 * exposition format) and reads sample values by metric name and labels.
 */
final class Prometheus {

    static final int MANAGEMENT_PORT = Integer.getInteger("filtermx.it.management", 19990);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<String> samples;

    private Prometheus(List<String> samples) {
        this.samples = samples;
    }

    /** A GET on the management interface: status and body. */
    static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(
                                URI.create("http://" + Gateway.HOST + ":" + MANAGEMENT_PORT + path))
                        .timeout(Duration.ofSeconds(20))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** One scrape of {@code /metrics}; fails unless it answers 200. */
    static Prometheus scrape() throws IOException, InterruptedException {
        HttpResponse<String> r = get("/metrics");
        if (r.statusCode() != 200) {
            throw new AssertionError("GET /metrics answered " + r.statusCode() + ": " + r.body());
        }
        List<String> samples = new ArrayList<>();
        for (String line : r.body().split("\n")) {
            if (!line.isEmpty() && line.charAt(0) != '#') {
                samples.add(line);
            }
        }
        return new Prometheus(samples);
    }

    /**
     * The value of the sample named {@code name} whose labels include each of {@code labels}
     * (written {@code key="value"}), or null when there is none.
     */
    Double value(String name, String... labels) {
        for (String sample : samples) {
            int end = sample.indexOf(' ');
            int brace = sample.indexOf('{');
            String sampleName = brace > 0 && brace < end ? sample.substring(0, brace) : null;
            if (sampleName == null) {
                sampleName = sample.substring(0, end);
            }
            if (!sampleName.equals(name)) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= sample.contains(label);
            }
            if (all) {
                int space = sample.lastIndexOf(' ');
                return Double.valueOf(sample.substring(space + 1));
            }
        }
        return null;
    }

    /** Like {@link #value} but 0 for a sample not (yet) exposed. */
    double count(String name, String... labels) {
        Double v = value(name, labels);
        return v == null ? 0 : v;
    }

    /** Whether some sample is named {@code name}. */
    boolean has(String name) {
        return value(name) != null;
    }
}
