package org.filtermx.smtp.server.ra;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.filtermx.smtp.api.AuthDecision;
import org.filtermx.smtp.api.Envelope;
import org.filtermx.smtp.api.RecipientDecision;
import org.filtermx.smtp.api.Reply;
import org.filtermx.smtp.api.SmtpListener;
import org.filtermx.smtp.api.SmtpSession;
import org.filtermx.smtp.server.EndpointInvoker;

/**
 * Calls a message endpoint the way JCA 2.1 section 13.5.6 describes: create, {@code
 * beforeDelivery}, invoke, {@code afterDelivery}, release, with every step after creation in
 * try/finally so an endpoint is never leaked.
 */
final class MessageEndpointInvoker implements EndpointInvoker {

    private static final Method ON_RECIPIENT =
            listenerMethod("onRecipient", SmtpSession.class, String.class, String.class);
    private static final Method ON_MESSAGE =
            listenerMethod("onMessage", SmtpSession.class, Envelope.class, Path.class);
    private static final Method ON_SENDER =
            listenerMethod("onSender", SmtpSession.class, String.class);
    private static final Method ON_AUTHENTICATE =
            listenerMethod("onAuthenticate", SmtpSession.class, String.class, String.class);
    private static final Method ON_CLOSE = listenerMethod("onClose", SmtpSession.class);

    private final MessageEndpointFactory factory;

    MessageEndpointInvoker(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public RecipientDecision onRecipient(SmtpSession session, String reversePath, String recipient)
            throws Exception {
        return deliver(ON_RECIPIENT, l -> l.onRecipient(session, reversePath, recipient));
    }

    @Override
    public Reply onMessage(SmtpSession session, Envelope envelope, Path message) throws Exception {
        return deliver(ON_MESSAGE, l -> l.onMessage(session, envelope, message));
    }

    @Override
    public Reply onSender(SmtpSession session, String reversePath) throws Exception {
        return deliver(ON_SENDER, l -> l.onSender(session, reversePath));
    }

    @Override
    public AuthDecision onAuthenticate(SmtpSession session, String username, String password)
            throws Exception {
        return deliver(ON_AUTHENTICATE, l -> l.onAuthenticate(session, username, password));
    }

    @Override
    public void onClose(SmtpSession session) throws Exception {
        deliver(
                ON_CLOSE,
                l -> {
                    l.onClose(session);
                    return null;
                });
    }

    private <T> T deliver(Method method, Delivery<T> delivery) throws Exception {
        MessageEndpoint endpoint = factory.createEndpoint(null);
        try {
            endpoint.beforeDelivery(method);
            try {
                return delivery.to((SmtpListener) endpoint);
            } finally {
                endpoint.afterDelivery();
            }
        } finally {
            endpoint.release();
        }
    }

    private static Method listenerMethod(String name, Class<?>... parameters) {
        try {
            return SmtpListener.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FunctionalInterface
    private interface Delivery<T> {
        T to(SmtpListener listener);
    }
}
