package org.filtermx.imap.server.message;

import java.time.Instant;
import java.util.List;

/**
 * PLACEHOLDER (contract of issue 16; the helper on branch i16-render replaces the bodies, keeping
 * the signatures): one message parsed for IMAP FETCH and SEARCH (RFC 3501 sections 6.4.4, 6.4.5 and
 * 7.4.2), with linear scans only and bounded work per message.
 */
public final class ParsedMessage {

    private ParsedMessage() {}

    /**
     * Parses a message: the whole message, or only its header section (up to and including the
     * empty line) when that is all the caller fetched; then only the header-based methods work.
     */
    public static ParsedMessage parse(byte[] raw) {
        throw new UnsupportedOperationException("i16-render");
    }

    /** Whether only the header section was given. */
    public boolean headerOnly() {
        throw new UnsupportedOperationException("i16-render");
    }

    /** The ENVELOPE structure (RFC 3501 section 7.4.2) as wire bytes, strings quoted or literal. */
    public byte[] envelope() {
        throw new UnsupportedOperationException("i16-render");
    }

    /**
     * BODYSTRUCTURE ({@code extensible} true) or BODY (false) as wire bytes. Needs the whole
     * message.
     */
    public byte[] bodyStructure(boolean extensible) {
        throw new UnsupportedOperationException("i16-render");
    }

    /**
     * The octets of a section (RFC 3501 section 6.4.5, BODY[section]) named by {@code spec}, the
     * text between the brackets as the client wrote it, e.g. {@code ""}, {@code "HEADER"}, {@code
     * "HEADER.FIELDS (From Subject)"}, {@code "TEXT"}, {@code "1.2"}, {@code "2.MIME"}: an empty
     * array for a part that does not exist, as RFC 3501 asks. Header-only sections work on a
     * header-only parse.
     *
     * @throws IllegalArgumentException for a malformed spec (the connector answers BAD)
     */
    public byte[] section(String spec) {
        throw new UnsupportedOperationException("i16-render");
    }

    /**
     * Whether {@code spec} needs the whole message (false for HEADER, HEADER.FIELDS[.NOT] of the
     * top level).
     */
    public static boolean needsBody(String spec) {
        throw new UnsupportedOperationException("i16-render");
    }

    /** The unfolded values of a header field, RFC 2047 encoded words decoded, in order. */
    public List<String> headerValues(String name) {
        throw new UnsupportedOperationException("i16-render");
    }

    /** The decoded text of the body's text parts, for SEARCH BODY and TEXT, capped in length. */
    public String bodyText() {
        throw new UnsupportedOperationException("i16-render");
    }

    /** The Date header field's time, or null when absent or unreadable (SENTBEFORE and friends). */
    public Instant sentDate() {
        throw new UnsupportedOperationException("i16-render");
    }
}
