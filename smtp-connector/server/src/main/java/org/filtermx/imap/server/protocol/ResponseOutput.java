package org.filtermx.imap.server.protocol;

/**
 * Where a command's responses go. Commands run on a blocking-work thread; {@link #flush()} hands
 * what was written so far to the client and waits until it is sent, so a large FETCH holds one
 * batch in memory at a time however slowly the client reads.
 */
public interface ResponseOutput {

    /** Appends one response line; CRLF is added. */
    void line(String text);

    /** Appends raw octets (a literal's content). */
    void bytes(byte[] data);

    /** Appends text as ISO-8859-1 octets, without CRLF. */
    void text(String text);

    /** Sends everything appended so far and waits until the connection took it. */
    void flush();

    /** Thrown by {@link #flush()} when the client is gone or takes nothing: the command stops. */
    final class ClientGone extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ClientGone() {
            super("client gone", null, false, false);
        }
    }
}
