package org.filtermx.imap.server.message;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes BODY and BODYSTRUCTURE (RFC 3501 section 7.4.2) of a MIME tree: types, subtypes and
 * parameter names upper case and quoted, as common servers do; extension data (MD5, disposition,
 * language, location) only for BODYSTRUCTURE.
 */
final class BodyStructureWriter {

    /** Content-Language tags written per part at most. */
    static final int MAX_LANGUAGES = 100;

    private final byte[] raw;
    private final boolean extensible;
    private final ImapOutput out;

    private BodyStructureWriter(byte[] raw, boolean extensible, ImapOutput out) {
        this.raw = raw;
        this.extensible = extensible;
        this.out = out;
    }

    static void write(ImapOutput out, byte[] raw, MimePart root, boolean extensible) {
        new BodyStructureWriter(raw, extensible, out).part(root);
    }

    private void part(MimePart p) {
        if (p.isMultipart()) {
            multipart(p);
        } else {
            single(p);
        }
    }

    private void multipart(MimePart p) {
        out.open();
        for (MimePart child : p.parts()) {
            part(child);
        }
        out.sp().string(upper(p.type().subtype()));
        if (extensible) {
            out.sp();
            params(p.type().params());
            extension(p);
        }
        out.close();
    }

    private void single(MimePart p) {
        HeaderSection h = p.header();
        MimeValue type = p.type();
        out.open();
        out.string(upper(type.type())).sp().string(upper(type.subtype())).sp();
        List<MimeValue.Param> params = type.params();
        if (type.type().equals("text") && type.param("charset") == null) {
            // RFC 2045 section 5.2: text without a charset is us-ascii; say so, as Dovecot does.
            params = new ArrayList<>(params);
            params.add(new MimeValue.Param("charset", "us-ascii"));
        }
        params(params);
        out.sp().nstring(h.first("content-id"));
        out.sp().nstring(h.first("content-description"));
        out.sp().string(upper(p.encoding()));
        int size = p.end() - p.bodyStart();
        out.sp().number(size);
        if (p.message() != null) {
            out.sp();
            EnvelopeWriter.write(out, p.message().header());
            out.sp();
            part(p.message());
            out.sp().number(Bytes.lines(raw, p.bodyStart(), p.end()));
        } else if (type.type().equals("text")) {
            out.sp().number(Bytes.lines(raw, p.bodyStart(), p.end()));
        }
        if (extensible) {
            out.sp().nstring(h.first("content-md5"));
            extension(p);
        }
        out.close();
    }

    /** body-fld-dsp SP body-fld-lang SP body-fld-loc. */
    private void extension(MimePart p) {
        HeaderSection h = p.header();
        out.sp();
        String dsp = h.first("content-disposition");
        MimeValue d = dsp == null ? null : MimeValue.parse(dsp, false);
        if (d == null || d.type().isEmpty()) {
            out.nil();
        } else {
            out.open().string(upper(d.type())).sp();
            params(d.params());
            out.close();
        }
        out.sp();
        language(h.first("content-language"));
        out.sp().nstring(h.first("content-location"));
    }

    /** RFC 3501 body-fld-lang: NIL, one string, or a list of strings (RFC 3282 tags). */
    private void language(String value) {
        List<String> tags = new ArrayList<>();
        if (value != null) {
            MimeValue.Scanner s = new MimeValue.Scanner(value);
            StringBuilder cur = new StringBuilder();
            while (tags.size() < MAX_LANGUAGES) {
                s.skipCfws();
                if (s.atEnd()) {
                    break;
                }
                char c = (char) s.peek();
                s.pos++;
                if (c == ',') {
                    continue;
                }
                cur.setLength(0);
                cur.append(c);
                while (!s.atEnd() && s.peek() != ',' && s.peek() != '(' && !blank(s.peek())) {
                    cur.append((char) s.peek());
                    s.pos++;
                }
                tags.add(cur.toString());
            }
        }
        if (tags.isEmpty()) {
            out.nil();
        } else if (tags.size() == 1) {
            out.string(tags.get(0));
        } else {
            out.open();
            for (int i = 0; i < tags.size(); i++) {
                if (i > 0) {
                    out.sp();
                }
                out.string(tags.get(i));
            }
            out.close();
        }
    }

    private static boolean blank(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private void params(List<MimeValue.Param> params) {
        if (params.isEmpty()) {
            out.nil();
            return;
        }
        out.open();
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.sp();
            }
            MimeValue.Param p = params.get(i);
            out.string(upper(p.name())).sp().string(p.value());
        }
        out.close();
    }

    private static String upper(String s) {
        // ASCII only: upper-casing 8-bit chars could leave ISO-8859-1 (e.g. U+00FF).
        char[] c = s.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] >= 'a' && c[i] <= 'z') {
                c[i] = (char) (c[i] - 32);
            }
        }
        return new String(c);
    }
}
