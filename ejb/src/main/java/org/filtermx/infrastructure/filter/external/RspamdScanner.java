package org.filtermx.infrastructure.filter.external;

import java.net.ProtocolException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Checks messages with rspamd's normal worker ({@code POST /checkv2}, rspamd's "protocol"
 * documentation) and trains its Bayes classifier through the controller ({@code /learnspam}, {@code
 * /learnham}). The check's result is one {@code RSPAMD_SCORE} reason with rspamd's total, its
 * action and its weightiest symbols.
 */
public final class RspamdScanner implements Scanner {

    private final RspamdSettings settings;
    private final RspamdHttp http;

    public RspamdScanner(RspamdSettings settings) {
        this.settings = settings;
        this.http = new RspamdHttp(settings.connectTimeout(), settings.budget());
    }

    @Override
    public String name() {
        return "rspamd";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
        return scan(message, "");
    }

    /** The same check, with the gateway's queue id in rspamd's log for correlation. */
    public ScanResult scan(MessageUnderScan message, String queueId) throws ScannerUnavailable {
        URI uri = RspamdSettings.endpoint(settings.url(), "checkv2");
        RspamdResponse reply = http.post(uri, envelope(message, queueId), message.raw());
        if (reply.status() != 200) {
            throw new ScannerUnavailable(
                    "rspamd at " + uri + ": HTTP " + reply.status() + " " + reply.explanation());
        }
        try {
            return RspamdReply.parse(reply.body()).toScanResult();
        } catch (ProtocolException e) {
            throw new ScannerUnavailable("rspamd at " + uri + ": " + e.getMessage(), e);
        }
    }

    /** Trains rspamd's classifier with a message a user or operator marked as spam. */
    public LearnOutcome learnSpam(byte[] raw) throws ScannerUnavailable {
        return learn("learnspam", raw);
    }

    /** Trains rspamd's classifier with a message a user or operator marked as not spam. */
    public LearnOutcome learnHam(byte[] raw) throws ScannerUnavailable {
        return learn("learnham", raw);
    }

    /**
     * rspamd answers 200 when it learned, another 2xx (204, 208) with the reason when it declined,
     * and 4xx or 5xx when it cannot learn at all (no classifier, no Redis, wrong password).
     */
    private LearnOutcome learn(String command, byte[] raw) throws ScannerUnavailable {
        URI uri = RspamdSettings.endpoint(settings.controllerUrl(), command);
        Map<String, List<String>> headers =
                settings.password().isEmpty()
                        ? Map.of()
                        : Map.of("Password", List.of(headerValue(settings.password())));
        RspamdResponse reply = http.post(uri, headers, raw);
        int status = reply.status();
        if (status == 200) {
            return LearnOutcome.LEARNED;
        }
        if (status > 200 && status < 300) {
            return LearnOutcome.declined(reply.explanation());
        }
        throw new ScannerUnavailable(
                "rspamd at " + uri + ": HTTP " + status + " " + reply.explanation());
    }

    /** rspamd's request headers: the SMTP facts it would otherwise have to guess. */
    static Map<String, List<String>> envelope(MessageUnderScan message, String queueId) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        putIfPresent(headers, "IP", message.clientIp());
        putIfPresent(headers, "Helo", message.helo());
        String sender = message.reversePath() == null ? "" : message.reversePath();
        headers.put("From", List.of(sender.isEmpty() ? "<>" : headerValue(sender)));
        if (!message.recipients().isEmpty()) {
            headers.put(
                    "Rcpt", message.recipients().stream().map(RspamdScanner::headerValue).toList());
        }
        putIfPresent(headers, "Queue-Id", queueId);
        return headers;
    }

    private static void putIfPresent(Map<String, List<String>> headers, String name, String value) {
        if (value != null && !value.isBlank()) {
            headers.put(name, List.of(headerValue(value)));
        }
    }

    /**
     * The value as printable ASCII, which is all an HTTP/1.1 header carries reliably: other
     * characters (an SMTPUTF8 address, a control character in HELO) become {@code ?}.
     */
    static String headerValue(String value) {
        StringBuilder ascii = new StringBuilder(value.length());
        value.strip()
                .codePoints()
                .forEach(c -> ascii.append(c >= 0x20 && c < 0x7f ? (char) c : '?'));
        return ascii.toString();
    }
}
