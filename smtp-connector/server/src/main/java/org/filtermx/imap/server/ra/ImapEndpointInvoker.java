package org.filtermx.imap.server.ra;

import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.filtermx.imap.api.CopyResult;
import org.filtermx.imap.api.ImapFlags;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapMessage;
import org.filtermx.imap.api.ImapReply;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.api.MailboxInfo;
import org.filtermx.imap.api.MailboxView;

/**
 * The IMAP endpoint as the server sees it: each call creates a message endpoint and brackets the
 * call with {@code beforeDelivery} / {@code afterDelivery}, then releases it, every step in
 * try/finally (JCA 2.1 section 13.5.6). A failure to get an endpoint becomes an unchecked
 * exception, which the server answers with {@code NO [UNAVAILABLE]}.
 */
public final class ImapEndpointInvoker implements ImapListener {

    private static final Method ON_LOGIN =
            method("onLogin", ImapSession.class, String.class, String.class);
    private static final Method ON_LIST = method("onList", ImapSession.class);
    private static final Method ON_SELECT = method("onSelect", ImapSession.class, String.class);
    private static final Method ON_FETCH =
            method("onFetch", ImapSession.class, String.class, long[].class, boolean.class);
    private static final Method ON_STORE =
            method(
                    "onStore",
                    ImapSession.class,
                    String.class,
                    long[].class,
                    int.class,
                    ImapFlags.Store.class);
    private static final Method ON_EXPUNGE =
            method("onExpunge", ImapSession.class, String.class, long[].class);
    private static final Method ON_COPY =
            method(
                    "onCopy",
                    ImapSession.class,
                    String.class,
                    long[].class,
                    String.class,
                    boolean.class);
    private static final Method ON_APPEND =
            method(
                    "onAppend",
                    ImapSession.class,
                    String.class,
                    Path.class,
                    int.class,
                    Instant.class);
    private static final Method ON_CLOSE = method("onClose", ImapSession.class);

    private final MessageEndpointFactory factory;

    public ImapEndpointInvoker(MessageEndpointFactory factory) {
        this.factory = factory;
    }

    @Override
    public ImapLogin onLogin(ImapSession session, String username, String password) {
        return deliver(ON_LOGIN, l -> l.onLogin(session, username, password));
    }

    @Override
    public List<MailboxInfo> onList(ImapSession session) {
        return deliver(ON_LIST, l -> l.onList(session));
    }

    @Override
    public MailboxView onSelect(ImapSession session, String mailbox) {
        return deliver(ON_SELECT, l -> l.onSelect(session, mailbox));
    }

    @Override
    public List<ImapMessage> onFetch(
            ImapSession session, String mailbox, long[] uids, boolean content) {
        return deliver(ON_FETCH, l -> l.onFetch(session, mailbox, uids, content));
    }

    @Override
    public List<ImapMessage> onStore(
            ImapSession session, String mailbox, long[] uids, int flags, ImapFlags.Store mode) {
        return deliver(ON_STORE, l -> l.onStore(session, mailbox, uids, flags, mode));
    }

    @Override
    public long[] onExpunge(ImapSession session, String mailbox, long[] uids) {
        return deliver(ON_EXPUNGE, l -> l.onExpunge(session, mailbox, uids));
    }

    @Override
    public CopyResult onCopy(
            ImapSession session, String source, long[] uids, String target, boolean move) {
        return deliver(ON_COPY, l -> l.onCopy(session, source, uids, target, move));
    }

    @Override
    public ImapReply onAppend(
            ImapSession session, String mailbox, Path message, int flags, Instant date) {
        return deliver(ON_APPEND, l -> l.onAppend(session, mailbox, message, flags, date));
    }

    @Override
    public void onClose(ImapSession session) {
        deliver(
                ON_CLOSE,
                l -> {
                    l.onClose(session);
                    return Boolean.TRUE;
                });
    }

    private <T> T deliver(Method method, Delivery<T> delivery) {
        MessageEndpoint endpoint;
        try {
            endpoint = factory.createEndpoint(null);
        } catch (Exception e) {
            throw new IllegalStateException("no IMAP endpoint: " + e.getMessage(), e);
        }
        try {
            try {
                endpoint.beforeDelivery(method);
            } catch (Exception e) {
                throw new IllegalStateException("beforeDelivery failed: " + e.getMessage(), e);
            }
            try {
                return delivery.to((ImapListener) endpoint);
            } finally {
                try {
                    endpoint.afterDelivery();
                } catch (Exception e) {
                    throw new IllegalStateException("afterDelivery failed: " + e.getMessage(), e);
                }
            }
        } finally {
            endpoint.release();
        }
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return ImapListener.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @FunctionalInterface
    private interface Delivery<T> {
        T to(ImapListener listener);
    }
}
