package org.filtermx.smtp.server.data;

/** How the reception of message content ended, judged by {@link DataReader}. */
public enum DataOutcome {
    /** The terminating {@code CRLF.CRLF} has not arrived yet. */
    INCOMPLETE,
    /** The content is complete and within every limit. */
    COMPLETE,
    /** A CR or LF that is not part of a CRLF pair: the SMTP smuggling vector. */
    BARE_LINE_ENDING,
    /** A NUL octet, which no RFC 5322 message may carry. */
    NUL,
    MESSAGE_TOO_LARGE,
    HEADER_TOO_LARGE,
    /** The content could not be written to disk. */
    WRITE_FAILED
}
