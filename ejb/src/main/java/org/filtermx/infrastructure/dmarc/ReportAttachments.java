package org.filtermx.infrastructure.dmarc;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Takes the XML documents out of a DMARC report mail (RFC 7489 section 7.2.1.1): the parts typed
 * {@code application/zip}, {@code application/gzip} or {@code text/xml} (or named {@code .zip},
 * {@code .gz}, {@code .xml}), within caps on parts, nesting, compressed size, decompressed size (a
 * zip bomb stops at {@link #MAX_XML_BYTES}) and zip entries.
 */
final class ReportAttachments {

    static final int MAX_PARTS = 20;
    static final int MAX_NESTING = 5;

    /** Decoded size of one attachment. */
    static final int MAX_COMPRESSED_BYTES = 10 * 1024 * 1024;

    /** Decompressed size of one report document. */
    static final int MAX_XML_BYTES = 20 * 1024 * 1024;

    static final int MAX_ZIP_ENTRIES = 10;

    /** Raised for an attachment that breaks a cap or does not decompress. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** The XML documents found and the reasons attachments were refused. */
    record Found(List<byte[]> documents, List<String> problems) {}

    private ReportAttachments() {}

    static Found of(byte[] mail) {
        List<byte[]> documents = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            MimeMessage message =
                    new MimeMessage(
                            Session.getInstance(new Properties()), new ByteArrayInputStream(mail));
            walk(message, 0, new int[] {0}, documents, problems);
        } catch (MessagingException | IOException e) {
            problems.add("the mail's MIME structure could not be read");
        }
        if (documents.isEmpty() && problems.isEmpty()) {
            problems.add("no zip, gzip or XML attachment");
        }
        return new Found(documents, problems);
    }

    private static void walk(
            Part part, int depth, int[] seen, List<byte[]> documents, List<String> problems)
            throws MessagingException, IOException {
        if (++seen[0] > MAX_PARTS) {
            problems.add("more than " + MAX_PARTS + " MIME parts");
            return;
        }
        if (part.isMimeType("multipart/*")) {
            if (depth >= MAX_NESTING) {
                problems.add("multiparts nested too deeply");
                return;
            }
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount() && seen[0] <= MAX_PARTS; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, depth + 1, seen, documents, problems);
            }
            return;
        }
        Kind kind = kind(part);
        if (kind == Kind.OTHER) {
            return;
        }
        try (InputStream in = part.getInputStream()) {
            byte[] raw = bounded(in, MAX_COMPRESSED_BYTES, "attachment");
            switch (kind) {
                case XML -> documents.add(raw);
                case GZIP -> documents.add(gunzip(raw));
                case ZIP -> documents.addAll(unzip(raw));
                default -> {
                    // not reached
                }
            }
        } catch (Refused e) {
            problems.add(e.getMessage());
        }
    }

    private enum Kind {
        ZIP,
        GZIP,
        XML,
        OTHER
    }

    private static Kind kind(Part part) throws MessagingException {
        if (part.isMimeType("application/zip") || part.isMimeType("application/x-zip-compressed")) {
            return Kind.ZIP;
        }
        if (part.isMimeType("application/gzip") || part.isMimeType("application/x-gzip")) {
            return Kind.GZIP;
        }
        if (part.isMimeType("text/xml") || part.isMimeType("application/xml")) {
            return Kind.XML;
        }
        String name = part.getFileName();
        if (name == null || !part.isMimeType("application/octet-stream")) {
            return Kind.OTHER;
        }
        String n = LowerCase.of(name);
        if (n.endsWith(".zip")) {
            return Kind.ZIP;
        }
        if (n.endsWith(".gz")) {
            return Kind.GZIP;
        }
        return n.endsWith(".xml") ? Kind.XML : Kind.OTHER;
    }

    static byte[] gunzip(byte[] raw) throws Refused {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return bounded(in, MAX_XML_BYTES, "decompressed report");
        } catch (IOException e) {
            throw new Refused("gzip attachment does not decompress");
        }
    }

    static List<byte[]> unzip(byte[] raw) throws Refused {
        List<byte[]> documents = new ArrayList<>();
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(raw))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new Refused(
                            "zip attachment with more than " + MAX_ZIP_ENTRIES + " entries");
                }
                if (entry.isDirectory() || !LowerCase.of(entry.getName()).endsWith(".xml")) {
                    continue;
                }
                // The entry's declared size is not trusted: the copy itself stops at the cap.
                byte[] xml = bounded(zip, (int) (MAX_XML_BYTES - total), "decompressed report");
                total += xml.length;
                documents.add(xml);
            }
        } catch (IOException e) {
            throw new Refused("zip attachment does not decompress");
        }
        if (documents.isEmpty()) {
            throw new Refused("zip attachment without an XML entry");
        }
        return documents;
    }

    /** Reads at most {@code limit} bytes; one more means the input is refused. */
    static byte[] bounded(InputStream in, int limit, String what) throws IOException, Refused {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > limit) {
                throw new Refused(what + " larger than " + limit + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
