package org.filtermx.application.port;

/**
 * Sends one webhook request: POST of a JSON body with the signature header, without following
 * redirects, within fixed caps on time and on the size of the answer read.
 */
public interface WebhookTransport {

    /**
     * The outcome: the HTTP status, or 0 with an error text when no answer came.
     *
     * @param status the HTTP status, 0 when the request failed before one arrived
     * @param error what went wrong (short, for the console), null on success
     */
    record Outcome(int status, String error) {

        public boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    Outcome post(String url, String body, String signatureHeader, String event, String deliveryId);
}
