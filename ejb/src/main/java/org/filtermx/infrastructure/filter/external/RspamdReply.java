package org.filtermx.infrastructure.filter.external;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;

/**
 * The part of rspamd's {@code /checkv2} JSON reply FilterMX uses: the total {@code score}, the
 * reject threshold {@code required_score}, the {@code action}, each symbol's score and the SMTP
 * message rspamd suggests.
 */
record RspamdReply(
        double score,
        double requiredScore,
        String action,
        Map<String, Double> symbols,
        String smtpMessage) {

    /** How many symbols the reason's detail names, the weightiest first. */
    static final int SYMBOLS_SHOWN = 8;

    RspamdReply {
        symbols = Map.copyOf(symbols);
        smtpMessage = smtpMessage == null ? "" : smtpMessage;
    }

    static RspamdReply parse(byte[] json) throws ProtocolException {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json))) {
            JsonObject reply = reader.readObject();
            Map<String, Double> symbols = new LinkedHashMap<>();
            JsonObject found = reply.getJsonObject("symbols");
            if (found != null) {
                found.forEach((name, symbol) -> symbols.put(name, symbolScore(symbol)));
            }
            JsonObject messages = reply.getJsonObject("messages");
            return new RspamdReply(
                    number(reply, "score"),
                    number(reply, "required_score"),
                    reply.getString("action"),
                    symbols,
                    messages == null ? "" : messages.getString("smtp_message", ""));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            throw new ProtocolException("unexpected reply: " + e.getMessage());
        }
    }

    private static double number(JsonObject reply, String name) {
        JsonNumber value = reply.getJsonNumber(name);
        if (value == null) {
            throw new JsonException("no " + name);
        }
        return value.doubleValue();
    }

    private static double symbolScore(JsonValue symbol) {
        JsonNumber score = symbol.asJsonObject().getJsonNumber("score");
        return score == null ? 0 : score.doubleValue();
    }

    /**
     * One reason, {@code RSPAMD_SCORE}, with rspamd's total: its symbols' scores already include
     * rspamd's weights and grow factor, and split into reasons of their own they would not add up
     * to it. A forced {@code reject} (GTUBE, a multimap or ratelimit prefilter) weighs at least the
     * reject threshold, whatever the symbols add up to.
     */
    ScanResult toScanResult() {
        double weight = "reject".equals(action) ? Math.max(score, requiredScore) : score;
        return ScanResult.of(new Reason("RSPAMD_SCORE", weight, detail()));
    }

    private String detail() {
        StringBuilder detail = new StringBuilder("action=").append(action);
        if (!smtpMessage.isBlank()) {
            detail.append(" (").append(smtpMessage).append(')');
        }
        detail.append(", required=").append(String.format(Locale.ROOT, "%.1f", requiredScore));
        String weightiest =
                symbols.entrySet().stream()
                        .filter(symbol -> symbol.getValue() != 0)
                        .sorted(
                                Comparator.comparingDouble(
                                                (Map.Entry<String, Double> s) ->
                                                        Math.abs(s.getValue()))
                                        .reversed()
                                        .thenComparing(Map.Entry::getKey))
                        .limit(SYMBOLS_SHOWN)
                        .map(s -> String.format(Locale.ROOT, "%s %+.2f", s.getKey(), s.getValue()))
                        .collect(Collectors.joining(", "));
        return weightiest.isEmpty() ? detail.toString() : detail + "; " + weightiest;
    }

    /** rspamd's {@code {"error": "..."}} text from a failed request, or the body as it is. */
    static String error(byte[] body) {
        byte[] text = body == null ? new byte[0] : body;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(text))) {
            JsonObject object = reader.readObject();
            return object.getString("error", object.toString());
        } catch (JsonException | ClassCastException e) {
            return new String(text, StandardCharsets.UTF_8).strip();
        }
    }
}
