package org.filtermx.imap.server.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.filtermx.imap.api.ImapListener;
import org.filtermx.imap.api.ImapLogin;
import org.filtermx.imap.api.ImapSession;
import org.filtermx.imap.server.ImapServerSettings;

/**
 * The IMAP4rev1 state machine of one session (RFC 3501 section 3): parses each framed command and
 * runs it to its tagged response, calling the endpoint synchronously. The network side calls it
 * from a blocking-work thread, one command at a time, and acts on the returned {@link Next}.
 *
 * <p>Commands of any state, the not-authenticated state and the extensions without a folder (RFC
 * 2971 ID, RFC 5161 ENABLE, RFC 2342 NAMESPACE, RFC 2177 IDLE) are here; folders are in {@link
 * MailboxCommands}, the selected state in {@link SelectedCommands}, {@link FetchCommand} and {@link
 * SearchCommand}.
 */
public final class ImapProtocol {

    private static final Logger LOG = Logger.getLogger(ImapProtocol.class.getName());

    private static final String COMMON =
            "IMAP4rev1 LITERAL+ SASL-IR ID ENABLE IDLE NAMESPACE UIDPLUS MOVE UNSELECT SPECIAL-USE";

    /** What the network side does after a command. */
    public enum Next {
        /** Read the next command. */
        READ,
        /** Send what was written and close the connection. */
        CLOSE,
        /** Write {@link #startTlsReply()} in clear, drop buffered input, start TLS. */
        START_TLS,
        /** IDLE is on: poll with {@link #idlePoll}, end with {@link #endIdle}. */
        IDLE,
        /** Send {@code + } and hand the next line to {@link #continueAuthentication}. */
        AUTH_CONTINUE
    }

    private final SessionState state;
    private final boolean loopback;
    private final boolean startTlsOffered;
    private final AtomicInteger errors = new AtomicInteger();
    private final MailboxCommands mailboxes;
    private final SelectedCommands selected;
    private String pendingTag;

    /**
     * @param loopback whether the client is on a loopback address
     * @param startTlsOffered whether STARTTLS is possible (a STARTTLS listener with a TLS context)
     * @param tlsProtocol the TLS protocol already in use (implicit TLS), or null
     */
    public ImapProtocol(
            ImapServerSettings settings,
            ImapListener listener,
            String sessionId,
            String clientAddress,
            boolean loopback,
            boolean startTlsOffered,
            String tlsProtocol) {
        this.state =
                new SessionState(
                        settings,
                        new Endpoint(listener),
                        new ImapSession(sessionId, clientAddress, tlsProtocol, null));
        this.loopback = loopback;
        this.startTlsOffered = startTlsOffered;
        this.mailboxes = new MailboxCommands(state);
        this.selected = new SelectedCommands(state);
    }

    public String id() {
        return state.session().id();
    }

    public ImapSession session() {
        return state.session();
    }

    public boolean authenticated() {
        return state.authenticated();
    }

    /** The greeting (RFC 3501 section 7.1.1), with the capabilities as a response code. */
    public String greeting() {
        return "* OK [CAPABILITY " + capabilities() + "] FilterMX IMAP ready";
    }

    /** RFC 3501 section 7.2.1; STARTTLS and AUTH only before login. */
    String capabilities() {
        if (state.authenticated()) {
            return COMMON;
        }
        StringBuilder out = new StringBuilder(COMMON);
        if (startTlsOffered && !state.session().tls()) {
            out.append(" STARTTLS");
        }
        out.append(loginAllowed() ? " AUTH=PLAIN" : " LOGINDISABLED");
        return out.toString();
    }

    private boolean loginAllowed() {
        return state.session().tls() || (loopback && state.settings.cleartextLoginOnLoopback());
    }

    /**
     * Counts a BAD response; true when the session has had too many (like SMTP's hard error limit)
     * and must end.
     */
    public boolean countError() {
        return errors.incrementAndGet() > state.settings.maxErrors();
    }

    /** Runs one command; its literals are discarded afterwards. */
    public Next execute(RawCommand command, ResponseOutput out) {
        try {
            return run(command, out);
        } finally {
            command.discard();
        }
    }

    private Next run(RawCommand command, ResponseOutput out) {
        CommandCursor in = new CommandCursor(command);
        String tag;
        try {
            tag = in.atom();
            if (tag.indexOf('+') >= 0 || tag.indexOf('*') >= 0 || tag.indexOf('%') >= 0) {
                throw new BadCommand("Invalid tag");
            }
        } catch (BadCommand e) {
            return bad(out, "*", "Missing or invalid tag");
        }
        String name;
        try {
            in.space();
            name = in.keyword();
        } catch (BadCommand e) {
            return bad(out, tag, "Missing command");
        }
        try {
            return dispatch(tag, name, in, out);
        } catch (BadCommand e) {
            return bad(out, tag, name + " " + e.getMessage());
        } catch (EndpointFailure e) {
            out.line(SessionState.unavailable(tag));
            return Next.READ;
        } catch (ResponseOutput.ClientGone e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, id() + ": " + name + " failed", e);
            out.line(tag + " NO [SERVERBUG] Internal error");
            return Next.READ;
        }
    }

    private Next dispatch(String tag, String name, CommandCursor in, ResponseOutput out)
            throws BadCommand {
        switch (name) {
            case "CAPABILITY" -> {
                in.end();
                out.line("* CAPABILITY " + capabilities());
                out.line(tag + " OK CAPABILITY completed");
                return Next.READ;
            }
            case "NOOP" -> {
                in.end();
                state.poll(out);
                out.line(tag + " OK NOOP completed");
                return Next.READ;
            }
            case "LOGOUT" -> {
                in.end();
                out.line("* BYE FilterMX IMAP logging out");
                out.line(tag + " OK LOGOUT completed");
                return Next.CLOSE;
            }
            case "ID" -> {
                id(in);
                out.line("* ID (\"name\" \"FilterMX\")");
                out.line(tag + " OK ID completed");
                return Next.READ;
            }
            default -> {
                // state-dependent commands below
            }
        }
        if (!state.authenticated()) {
            return notAuthenticated(tag, name, in, out);
        }
        switch (name) {
            case "ENABLE" -> {
                // RFC 5161: nothing that ENABLE could turn on is supported.
                in.space();
                in.atom();
                in.restOfLine();
                out.line("* ENABLED");
                out.line(tag + " OK ENABLE completed");
                return Next.READ;
            }
            case "NAMESPACE" -> {
                in.end();
                out.line("* NAMESPACE ((\"\" \"/\")) NIL NIL");
                out.line(tag + " OK NAMESPACE completed");
                return Next.READ;
            }
            case "IDLE" -> {
                in.end();
                pendingTag = tag;
                out.line("+ idling");
                return Next.IDLE;
            }
            case "STARTTLS", "LOGIN", "AUTHENTICATE" -> {
                return bad(out, tag, name + " not allowed after login");
            }
            default -> {
                // folder commands below
            }
        }
        if (mailboxes.handles(name)) {
            mailboxes.run(tag, name, in, out);
            return Next.READ;
        }
        if (selected.handles(name)) {
            if (state.selected() == null) {
                return bad(out, tag, name + " needs a selected folder");
            }
            if (!selected.run(tag, name, in, out)) {
                return bad(out, tag, name + " unknown command");
            }
            return Next.READ;
        }
        return bad(out, tag, "Unknown command " + name);
    }

    private Next notAuthenticated(String tag, String name, CommandCursor in, ResponseOutput out)
            throws BadCommand {
        switch (name) {
            case "STARTTLS" -> {
                in.end();
                if (!startTlsOffered || state.session().tls()) {
                    return bad(out, tag, "STARTTLS not available");
                }
                pendingTag = tag;
                return Next.START_TLS;
            }
            case "LOGIN" -> {
                in.space();
                String username = in.astring();
                in.space();
                String password = in.astring();
                in.end();
                if (!loginAllowed()) {
                    out.line(tag + " NO [PRIVACYREQUIRED] Use STARTTLS first");
                    return Next.READ;
                }
                return login(tag, username, password, out);
            }
            case "AUTHENTICATE" -> {
                in.space();
                String mechanism = in.atom();
                String initial = null;
                if (in.skip(' ')) {
                    initial = in.atom();
                }
                in.end();
                if (!mechanism.equalsIgnoreCase("PLAIN")) {
                    out.line(tag + " NO [CANNOT] Unsupported authentication mechanism");
                    return Next.READ;
                }
                if (!loginAllowed()) {
                    out.line(tag + " NO [PRIVACYREQUIRED] Use STARTTLS first");
                    return Next.READ;
                }
                if (initial == null) {
                    pendingTag = tag;
                    return Next.AUTH_CONTINUE;
                }
                return plain(tag, initial.equals("=") ? "" : initial, out);
            }
            default -> {
                return bad(out, tag, name + " needs login first");
            }
        }
    }

    /** The client's answer to the {@code + } of AUTHENTICATE PLAIN (RFC 3501 section 6.2.2). */
    public Next continueAuthentication(String line, ResponseOutput out) {
        String tag = pendingTag;
        pendingTag = null;
        if (line.equals("*")) {
            return bad(out, tag, "AUTHENTICATE cancelled");
        }
        try {
            return plain(tag, line, out);
        } catch (EndpointFailure e) {
            out.line(SessionState.unavailable(tag));
            return Next.READ;
        }
    }

    /** RFC 4616: {@code [authzid] NUL authcid NUL passwd}, base64 encoded (RFC 4959 SASL-IR). */
    private Next plain(String tag, String base64, ResponseOutput out) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return bad(out, tag, "AUTHENTICATE invalid base64");
        }
        String message = new String(decoded, StandardCharsets.UTF_8);
        int first = message.indexOf('\0');
        int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
        if (second < 0 || message.indexOf('\0', second + 1) >= 0) {
            return bad(out, tag, "AUTHENTICATE malformed PLAIN response");
        }
        String authzid = message.substring(0, first);
        String username = message.substring(first + 1, second);
        String password = message.substring(second + 1);
        if (!authzid.isEmpty() && !authzid.equals(username)) {
            out.line(tag + " NO [AUTHORIZATIONFAILED] Cannot act as another user");
            return Next.READ;
        }
        return login(tag, username, password, out);
    }

    private Next login(String tag, String username, String password, ResponseOutput out) {
        ImapLogin login = state.endpoint.login(state.session(), username, password);
        LOG.info(
                () ->
                        id()
                                + ": login from "
                                + state.session().clientAddress()
                                + " as <"
                                + username
                                + ">: "
                                + login.reply().status());
        if (!login.authenticated()) {
            out.line(SessionState.tagged(tag, login.reply()));
            return countError() ? tooManyErrors(out) : Next.READ;
        }
        state.session(state.session().loggedInAs(login.identity()));
        out.line(tag + " OK [CAPABILITY " + capabilities() + "] " + login.reply().text());
        return Next.READ;
    }

    /** RFC 2971: the client's parameter list is read and ignored. */
    private static void id(CommandCursor in) throws BadCommand {
        in.space();
        if (in.skip('(')) {
            int count = 0;
            while (!in.skip(')')) {
                if (count > 0) {
                    in.space();
                }
                in.nstring();
                if (++count > 60) {
                    throw new BadCommand("Too many ID fields");
                }
            }
        } else if (in.nstring() != null) {
            throw new BadCommand("Expected a list or NIL");
        }
        in.end();
    }

    /** The tagged OK that STARTTLS sends in clear before the handshake (RFC 3501 6.2.1). */
    public String startTlsReply() {
        String tag = pendingTag;
        pendingTag = null;
        return tag + " OK Begin TLS negotiation now";
    }

    /** The handshake after STARTTLS (or of implicit TLS) completed. */
    public void tlsStarted(String protocol) {
        ImapSession s = state.session();
        state.session(new ImapSession(s.id(), s.clientAddress(), protocol, s.identity()));
    }

    /** One IDLE poll (RFC 2177): the changes since the last one, as untagged responses. */
    public void idlePoll(ResponseOutput out) {
        try {
            state.poll(out);
        } catch (RuntimeException e) {
            LOG.fine(() -> id() + ": IDLE poll failed: " + e);
        }
    }

    /** The line that ends IDLE: {@code DONE} completes it, anything else is BAD. */
    public Next endIdle(String line, ResponseOutput out) {
        String tag = pendingTag;
        pendingTag = null;
        if (!line.toUpperCase(Locale.ROOT).equals("DONE")) {
            return bad(out, tag, "IDLE expected DONE");
        }
        state.poll(out);
        out.line(tag + " OK IDLE terminated");
        return Next.READ;
    }

    /** The connection closed: tells the endpoint, if a login was made. */
    public void closed() {
        if (state.authenticated()) {
            state.endpoint.close(state.session());
        }
    }

    private Next bad(ResponseOutput out, String tag, String text) {
        out.line(tag + " BAD " + text);
        return countError() ? tooManyErrors(out) : Next.READ;
    }

    private Next tooManyErrors(ResponseOutput out) {
        LOG.info(() -> id() + ": too many errors");
        out.line("* BYE Too many errors");
        return Next.CLOSE;
    }
}
