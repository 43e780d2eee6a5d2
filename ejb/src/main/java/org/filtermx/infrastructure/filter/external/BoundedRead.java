package org.filtermx.infrastructure.filter.external;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * Reads an engine's reply to the end of the connection, up to a limit, so an engine (or whatever
 * answers in its place) cannot make the gateway buffer an unbounded reply.
 */
final class BoundedRead {

    private BoundedRead() {}

    static byte[] toEnd(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            if (reply.size() + n > limit) {
                throw new ProtocolException("reply longer than " + limit + " bytes");
            }
            reply.write(buffer, 0, n);
        }
        return reply.toByteArray();
    }
}
