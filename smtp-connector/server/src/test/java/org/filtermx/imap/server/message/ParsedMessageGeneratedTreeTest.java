package org.filtermx.imap.server.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.filtermx.imap.server.message.Messages.bytes;
import static org.filtermx.imap.server.message.Messages.str;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random MIME trees built with known part contents: every part number must give back exactly the
 * body it was built with, and its MIME header.
 */
class ParsedMessageGeneratedTreeTest {

    private final Random random = new Random(3501);
    private int boundaries;

    /** Part number → expected body, and part number + ".MIME" → expected header. */
    private final Map<String, String> expected = new LinkedHashMap<>();

    @Test
    void everyPartNumberGivesBackItsBytes() {
        for (int round = 0; round < 200; round++) {
            expected.clear();
            String body = leafOrMultipartBody("", 0, true);
            ParsedMessage m = ParsedMessage.parse(bytes(body), false);
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertThat(str(m.section(e.getKey())))
                        .as("round %d section %s", round, e.getKey())
                        .isEqualTo(e.getValue());
            }
            m.bodyStructure(true);
        }
    }

    /**
     * A whole message (top level) or entity: header + empty line + body. Registers the expected
     * sections under {@code path} (the top level registers its parts only).
     */
    private String leafOrMultipartBody(String path, int depth, boolean message) {
        int kind = depth >= 3 ? 0 : random.nextInt(3);
        String header;
        String body;
        if (kind == 1) {
            String boundary = "=_b" + boundaries++ + (random.nextBoolean() ? " x" : "");
            header =
                    (message ? "Subject: m" + depth + "\r\n" : "")
                            + "Content-Type: multipart/mixed; boundary=\""
                            + boundary
                            + "\"\r\n";
            StringBuilder sb = new StringBuilder(random.nextBoolean() ? "preamble\r\n" : "");
            int n = 1 + random.nextInt(3);
            for (int i = 1; i <= n; i++) {
                String child = child(prefix(path) + i, depth + 1);
                sb.append("--").append(boundary).append("\r\n").append(child).append("\r\n");
            }
            sb.append("--").append(boundary).append("--\r\n");
            if (random.nextBoolean()) {
                sb.append("epilogue\r\n");
            }
            body = sb.toString();
        } else {
            header = message ? "Subject: leaf\r\n" : "";
            body = text();
            if (message) {
                expected.put(prefix(path) + "1", body); // a non-multipart message's part 1
            }
        }
        return header + "\r\n" + body;
    }

    /** A part of a multipart: text, or an enclosed message. */
    private String child(String path, int depth) {
        if (depth < 3 && random.nextInt(4) == 0) {
            String inner = leafOrMultipartBody(path, depth + 1, true);
            String header = "Content-Type: message/rfc822\r\n";
            expected.put(path, inner);
            expected.put(path + ".MIME", header + "\r\n");
            return header + "\r\n" + inner;
        }
        if (depth < 3 && random.nextInt(3) == 0) {
            String entity = leafOrMultipartBody(path, depth, false);
            int split = entity.startsWith("\r\n") ? 2 : entity.indexOf("\r\n\r\n") + 4;
            expected.put(path + ".MIME", entity.substring(0, split));
            expected.put(path, entity.substring(split));
            return entity;
        }
        String header = random.nextBoolean() ? "Content-Type: text/plain; charset=utf-8\r\n" : "";
        String body = text();
        expected.put(path, body);
        expected.put(path + ".MIME", header + "\r\n");
        return header + "\r\n" + body;
    }

    private static String prefix(String path) {
        return path.isEmpty() ? "" : path + ".";
    }

    /** Lines that never look like a delimiter; sometimes empty, sometimes without a last CRLF. */
    private String text() {
        StringBuilder sb = new StringBuilder();
        int lines = random.nextInt(4);
        for (int i = 0; i < lines; i++) {
            sb.append(random.nextBoolean() ? "- not a boundary" : "line " + i);
            if (i < lines - 1 || random.nextBoolean()) {
                sb.append("\r\n");
            }
        }
        return sb.toString();
    }
}
