package org.filtermx.infrastructure.filter.external;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;
import org.filtermx.domain.model.filter.ScannerUnavailable;

/**
 * Asks SpamAssassin's spamd for its score with the {@code SYMBOLS} command of the SPAMC/1.5
 * protocol. spamd names the rules that hit but not their scores, so the result is one reason,
 * {@code SPAMASSASSIN_SCORE +15.3 (required=5.0; GTUBE, ...)}, carrying SpamAssassin's total.
 */
public final class SpamdScanner implements Scanner {

    private final SpamdSettings settings;
    private final String engine;

    public SpamdScanner(SpamdSettings settings) {
        this.settings = settings;
        this.engine = "spamd at " + EngineAddress.describe(settings.address());
    }

    @Override
    public String name() {
        return "spamassassin";
    }

    /**
     * Messages above the size limit are not checked, as spamc passes them through; the result then
     * says so with a zero-score {@code SPAMASSASSIN_SKIPPED} reason.
     */
    @Override
    public ScanResult scan(MessageUnderScan message) throws ScannerUnavailable {
        byte[] raw = message.raw();
        if (raw.length > settings.maxMessageSize()) {
            return ScanResult.of(
                    new Reason(
                            "SPAMASSASSIN_SKIPPED",
                            0,
                            raw.length + " bytes, limit " + settings.maxMessageSize()));
        }
        try (EngineConnection connection =
                EngineConnection.open(
                        engine, settings.address(), settings.connectTimeout(), settings.budget())) {
            try {
                OutputStream out = connection.output();
                out.write(head(raw.length));
                out.write(raw);
                out.flush();
                connection.finishRequest();
                return result(SpamdReply.read(connection.input()));
            } catch (IOException e) {
                throw connection.failure(e);
            }
        }
    }

    private byte[] head(int contentLength) {
        StringBuilder head = new StringBuilder("SYMBOLS SPAMC/1.5\r\n");
        head.append("Content-length: ").append(contentLength).append("\r\n");
        if (!settings.user().isEmpty()) {
            head.append("User: ").append(settings.user()).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    static ScanResult result(SpamdReply reply) {
        String detail = "required=" + SpamdReply.format(reply.threshold());
        if (!reply.rules().isEmpty()) {
            detail += "; " + String.join(", ", reply.rules());
        }
        return ScanResult.of(new Reason("SPAMASSASSIN_SCORE", reply.score(), detail));
    }
}
