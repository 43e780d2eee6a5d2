package org.filtermx.smtp.server.protocol;

import org.filtermx.smtp.api.Reply;

/**
 * The replies the connector gives on its own, worded after Postfix with RFC 3463 enhanced status
 * codes (as Postfix sends them with {@code smtpd_enhanced_status_codes = yes}).
 */
public final class SmtpReplies {

    public static final Reply OK = Reply.of(250, "2.0.0", "Ok");
    public static final Reply SENDER_OK = Reply.of(250, "2.1.0", "Ok");
    public static final Reply BYE = Reply.of(221, "2.0.0", "Bye");

    /** RFC 5321 section 4.1.1.4: the 354 intermediate reply; Postfix sends it without a code. */
    public static final Reply START_DATA = Reply.of(354, "", "End data with <CR><LF>.<CR><LF>");

    /** RFC 5321 section 3.5.3: a server that does not verify answers 252. */
    public static final Reply CANNOT_VERIFY =
            Reply.of(
                    252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");

    public static final Reply HELP =
            Reply.of(
                    214,
                    "2.0.0",
                    "Commands: EHLO HELO MAIL RCPT DATA RSET NOOP QUIT VRFY HELP STARTTLS");

    /** RFC 3207 section 4. */
    public static final Reply READY_FOR_TLS = Reply.of(220, "2.0.0", "Ready to start TLS");

    public static final Reply TLS_UNAVAILABLE =
            Reply.of(454, "4.7.0", "TLS not available due to local problem");
    public static final Reply TLS_ALREADY_ACTIVE =
            Reply.of(503, "5.5.1", "Error: TLS already active");
    public static final Reply TLS_DURING_TRANSACTION =
            Reply.of(503, "5.5.1", "Error: MAIL transaction in progress");

    /** Postfix's wording where AUTH is not offered at all (the inbound MX port). */
    public static final Reply AUTH_NOT_ENABLED =
            Reply.of(503, "5.5.1", "Error: authentication not enabled");

    /** RFC 4954 section 4: AUTH is not permitted once the session is authenticated. */
    public static final Reply ALREADY_AUTHENTICATED =
            Reply.of(503, "5.5.1", "Error: already authenticated");

    /** RFC 4954 section 4: AUTH is not permitted during a mail transaction. */
    public static final Reply AUTH_DURING_TRANSACTION =
            Reply.of(503, "5.5.1", "Error: MAIL transaction in progress");

    /** RFC 4954 section 6: a password mechanism asked for before TLS protects it. */
    public static final Reply ENCRYPTION_REQUIRED =
            Reply.of(538, "5.7.11", "Encryption required for requested authentication mechanism");

    public static final Reply AUTH_SYNTAX = Reply.of(501, "5.5.4", "Syntax: AUTH mechanism");

    /** RFC 4954 section 4: a mechanism the server does not support. */
    public static final Reply UNSUPPORTED_MECHANISM =
            Reply.of(504, "5.5.4", "Unrecognized authentication type");

    /** RFC 4954 section 4: the client answered a challenge with {@code *}. */
    public static final Reply AUTH_CANCELLED = Reply.of(501, "5.0.0", "Authentication aborted");

    /** RFC 4954 section 4: a response that is not base64 (Postfix's wording). */
    public static final Reply BAD_BASE64 = Reply.of(501, "5.5.2", "Cannot decode response");

    /** RFC 4616 section 2: a PLAIN message needs exactly two NUL separators. */
    public static final Reply BAD_PLAIN_MESSAGE =
            Reply.of(501, "5.5.2", "Invalid PLAIN authentication message");

    /** RFC 4954 section 6: credentials refused without asking the endpoint (none, or empty). */
    public static final Reply INVALID_CREDENTIALS =
            Reply.of(535, "5.7.8", "Authentication credentials invalid");

    public static final Reply UNKNOWN_COMMAND =
            Reply.of(500, "5.5.2", "Error: command not recognized");
    public static final Reply LINE_TOO_LONG = Reply.of(500, "5.5.2", "Error: line too long");

    /** Command lines end with CRLF only (RFC 5321 section 2.3.8). */
    public static final Reply BARE_LINE_ENDING =
            Reply.of(500, "5.5.2", "Error: bare <CR> or <LF> received");

    public static final Reply NEED_HELO = Reply.of(503, "5.5.1", "Error: send HELO/EHLO first");
    public static final Reply NEED_MAIL = Reply.of(503, "5.5.1", "Error: need MAIL command");
    public static final Reply NESTED_MAIL = Reply.of(503, "5.5.1", "Error: nested MAIL command");
    public static final Reply NEED_RCPT = Reply.of(503, "5.5.1", "Error: need RCPT command");
    public static final Reply NO_VALID_RECIPIENTS =
            Reply.of(554, "5.5.1", "Error: no valid recipients");

    public static final Reply EHLO_SYNTAX = Reply.of(501, "5.5.4", "Syntax: EHLO hostname");
    public static final Reply HELO_SYNTAX = Reply.of(501, "5.5.4", "Syntax: HELO hostname");
    public static final Reply MAIL_SYNTAX = Reply.of(501, "5.5.4", "Syntax: MAIL FROM:<address>");
    public static final Reply RCPT_SYNTAX = Reply.of(501, "5.5.4", "Syntax: RCPT TO:<address>");
    public static final Reply DATA_SYNTAX = Reply.of(501, "5.5.4", "Syntax: DATA");
    public static final Reply STARTTLS_SYNTAX = Reply.of(501, "5.5.4", "Syntax: STARTTLS");
    public static final Reply VRFY_SYNTAX = Reply.of(501, "5.5.4", "Syntax: VRFY address");
    public static final Reply BAD_SENDER = Reply.of(501, "5.1.7", "Bad sender address syntax");
    public static final Reply BAD_RECIPIENT =
            Reply.of(501, "5.1.3", "Bad recipient address syntax");
    public static final Reply BAD_PARAMETER = Reply.of(501, "5.5.4", "Bad parameter syntax");
    public static final Reply TOO_MANY_RECIPIENTS =
            Reply.of(452, "4.5.3", "Error: too many recipients");

    /**
     * RFC 5321 section 4.5.3.1.10: the client sends the refused recipients in a later transaction.
     */
    public static final Reply TOO_MANY_RECIPIENT_DOMAINS =
            Reply.of(
                    452,
                    "4.5.3",
                    "Error: too many recipient domains, send the rest in another transaction");

    public static final Reply INSUFFICIENT_STORAGE =
            Reply.of(452, "4.3.1", "Insufficient system storage");
    public static final Reply MESSAGE_TOO_LARGE =
            Reply.of(552, "5.3.4", "Message size exceeds fixed limit");
    public static final Reply HEADER_TOO_LARGE =
            Reply.of(552, "5.3.4", "Message header size exceeds limit");

    /** Bare CR or LF in content is how SMTP smuggling works (SEC Consult, December 2023). */
    public static final Reply BARE_LINE_ENDING_IN_DATA =
            Reply.of(550, "5.6.0", "Bare CR or LF not allowed in message data");

    public static final Reply NUL_IN_DATA =
            Reply.of(550, "5.6.0", "NUL character not allowed in message data");

    /**
     * The reply the service's documentation names word for word (docs/operator-guide.md), so it
     * carries no enhanced status code, unlike every other reply.
     */
    public static final String TOO_MANY_CONNECTIONS_FROM_IP =
            "421 Too many concurrent SMTP connections from this IP address; please try again later.";

    private SmtpReplies() {}

    public static Reply greeting(String serverName) {
        return Reply.of(220, "", serverName + " ESMTP FilterMX");
    }

    public static Reply timeout(String serverName) {
        return Reply.of(421, "4.4.2", serverName + " Error: timeout exceeded");
    }

    public static Reply tooManyErrors(String serverName) {
        return Reply.of(421, "4.7.0", serverName + " Error: too many errors");
    }

    public static Reply tooManyConnections(String serverName) {
        return Reply.of(421, "4.3.2", serverName + " Error: too many connections");
    }

    public static Reply unsupportedParameter(String keyword) {
        return Reply.of(555, "5.5.4", "Unsupported option: " + keyword);
    }
}
