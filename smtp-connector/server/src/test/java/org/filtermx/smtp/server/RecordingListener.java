package org.filtermx.smtp.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.api.SmtpSession;

/**
 * A scripted endpoint: refuses recipients at {@code else.where} as a relay, fails on {@code
 * boom@...}, rewrites {@code alias.test} to {@code main.test}, and records every message. As a
 * submission endpoint it knows one account ({@code alice} / {@code secret}, identity {@code
 * alice@customer.test}), refuses unauthenticated senders with 530 as the outgoing policy does, and
 * records every call in {@link #events} (usernames, never passwords).
 */
final class RecordingListener implements SmtpListener {

    record Delivery(SmtpSession session, Envelope envelope, String content) {}

    final List<String> recipientsAsked = new CopyOnWriteArrayList<>();
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    volatile boolean failOnMessage;
    volatile long delayMillis;
    volatile long authDelayMillis;

    static final Reply NEED_AUTH = Reply.of(530, "5.7.0", "Authentication required");

    @Override
    public AuthDecision onAuthenticate(SmtpSession session, String username, String password) {
        events.add(session.id() + " auth " + username);
        sleep(authDelayMillis);
        return username.equals("alice") && password.equals("secret")
                ? AuthDecision.success("alice@customer.test")
                : AuthDecision.invalidCredentials();
    }

    @Override
    public Reply onSender(SmtpSession session, String reversePath) {
        events.add(session.id() + " sender " + reversePath + " as " + session.authenticatedUser());
        return session.authenticatedUser() == null ? NEED_AUTH : Reply.ok("Sender ok");
    }

    @Override
    public void onClose(SmtpSession session) {
        events.add(session.id() + " close");
    }

    /** The recorded events of kind {@code kind} ("auth", "sender", "close"). */
    List<String> events(String kind) {
        return events.stream().filter(e -> e.split(" ")[1].equals(kind)).toList();
    }

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
        sleep(delayMillis);
    }

    private static void sleep(long delayMillis) {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
