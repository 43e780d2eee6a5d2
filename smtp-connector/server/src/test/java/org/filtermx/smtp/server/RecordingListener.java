package org.filtermx.smtp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.api.SmtpSession;

/**
 * A scripted endpoint: refuses recipients at {@code else.where} as a relay, fails on {@code
 * boom@...}, rewrites {@code alias.test} to {@code main.test}, and records every message.
 */
final class RecordingListener implements SmtpListener {

    record Delivery(SmtpSession session, Envelope envelope, String content) {}

    final List<String> recipientsAsked = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    volatile boolean failOnMessage;
    volatile long delayMillis;

    @Override
    public RecipientDecision onRecipient(
            SmtpSession session, String reversePath, String recipient) {
        pause();
        recipientsAsked.add(recipient);
        if (recipient.startsWith("boom@")) {
            throw new IllegalStateException("scripted failure");
        }
        if (recipient.endsWith("@else.where")) {
            return RecipientDecision.refuse(Reply.of(550, "5.7.1", "Relay not permitted!"));
        }
        return RecipientDecision.accept(recipient.replace("@alias.test", "@main.test"));
    }

    @Override
    public Reply onMessage(SmtpSession session, Envelope envelope, Path message) {
        pause();
        if (failOnMessage) {
            throw new IllegalStateException("scripted failure");
        }
        try {
            deliveries.add(
                    new Delivery(
                            session,
                            envelope,
                            Files.readString(message, StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Reply.of(250, "2.0.0", "Ok: queued as " + envelope.transactionId());
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
