package org.filtermx.infrastructure.filter.rules;

import java.nio.charset.StandardCharsets;

/**
 * What an attachment is by its first bytes ("magic numbers"), whatever its name and declared type
 * say: programs for Windows (PE, {@code MZ}), Linux (ELF) and macOS (Mach-O), archives and disk
 * images, documents, images, and HTML pages. Only a fixed prefix is read.
 */
enum FileSniff {
    PROGRAM,
    ZIP,
    RAR,
    SEVEN_ZIP,
    GZIP,
    CAB,
    ISO,
    PDF,
    OLE,
    PNG,
    JPEG,
    GIF,
    HTML,
    UNKNOWN;

    /** ISO 9660 puts its volume descriptor ("CD001") at byte 32769 (ECMA-119 section 8). */
    private static final int ISO_MAGIC_AT = 0x8001;

    private static final int HTML_PREFIX = 512;

    static FileSniff of(byte[] b) {
        if (b == null || b.length < 4) {
            return UNKNOWN;
        }
        if (b[0] == 'M' && b[1] == 'Z') {
            return PROGRAM;
        }
        if (b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F') {
            return PROGRAM;
        }
        int be = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | b[3] & 0xff;
        if (be == 0xfeedface || be == 0xfeedfacf || be == 0xcefaedfe || be == 0xcffaedfe) {
            return PROGRAM;
        }
        if (b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5 || b[2] == 7)) {
            return ZIP;
        }
        if (startsWith(b, "Rar!")) {
            return RAR;
        }
        if ((b[0] & 0xff) == 0x37
                && (b[1] & 0xff) == 0x7a
                && (b[2] & 0xff) == 0xbc
                && (b[3] & 0xff) == 0xaf) {
            return SEVEN_ZIP;
        }
        if ((b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (startsWith(b, "MSCF")) {
            return CAB;
        }
        if (startsWith(b, "%PDF")) {
            return PDF;
        }
        if ((b[0] & 0xff) == 0xd0
                && (b[1] & 0xff) == 0xcf
                && (b[2] & 0xff) == 0x11
                && (b[3] & 0xff) == 0xe0) {
            return OLE;
        }
        if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return PNG;
        }
        if ((b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (startsWith(b, "GIF8")) {
            return GIF;
        }
        if (b.length > ISO_MAGIC_AT + 5
                && new String(b, ISO_MAGIC_AT, 5, StandardCharsets.ISO_8859_1).equals("CD001")) {
            return ISO;
        }
        return html(b) ? HTML : UNKNOWN;
    }

    /** An HTML page: after white space and a byte-order mark, a doctype or a document element. */
    private static boolean html(byte[] b) {
        String start =
                AsciiCase.lower(
                        new String(
                                        b,
                                        0,
                                        Math.min(b.length, HTML_PREFIX),
                                        StandardCharsets.ISO_8859_1)
                                .replace("\u00ef\u00bb\u00bf", "")
                                .stripLeading());
        return start.startsWith("<!doctype html")
                || start.startsWith("<html")
                || start.startsWith("<head")
                || start.startsWith("<script")
                || start.startsWith("<body")
                || start.startsWith("<meta")
                || start.startsWith("<form")
                || start.startsWith("<iframe");
    }

    /** What a file name's extension (lower case, without the dot) promises, or UNKNOWN. */
    static FileSniff promisedBy(String extension) {
        return switch (extension) {
            case "zip",
                    "docx",
                    "xlsx",
                    "pptx",
                    "docm",
                    "xlsm",
                    "odt",
                    "ods",
                    "odp",
                    "jar",
                    "apk",
                    "epub" ->
                    ZIP;
            case "rar" -> RAR;
            case "7z" -> SEVEN_ZIP;
            case "gz", "tgz" -> GZIP;
            case "cab" -> CAB;
            case "iso", "img" -> ISO;
            case "pdf" -> PDF;
            case "doc", "xls", "ppt", "msg" -> OLE;
            case "png" -> PNG;
            case "jpg", "jpeg" -> JPEG;
            case "gif" -> GIF;
            case "htm", "html", "shtml", "xhtml" -> HTML;
            case "exe", "dll", "scr", "com", "sys", "bin" -> PROGRAM;
            default -> UNKNOWN;
        };
    }

    /** What a declared content type (lower case, without parameters) promises, or UNKNOWN. */
    static FileSniff promisedByType(String type) {
        return switch (type) {
            case "application/pdf" -> PDF;
            case "application/zip", "application/x-zip-compressed" -> ZIP;
            case "image/png" -> PNG;
            case "image/jpeg", "image/jpg", "image/pjpeg" -> JPEG;
            case "image/gif" -> GIF;
            case "text/html" -> HTML;
            case "application/msword", "application/vnd.ms-excel" -> OLE;
            default -> UNKNOWN;
        };
    }

    private static boolean startsWith(byte[] b, String ascii) {
        if (b.length < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (b[i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
