package org.filtermx.application.internal.accounts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.filtermx.application.EmailUserService;
import org.filtermx.application.EmailUserService.LineError;
import org.filtermx.application.InvalidRequest;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Reads an email-user import: UTF-8 CSV (RFC 4180 quoting through Apache Commons CSV, so fields may
 * hold commas, quotes and line breaks), with or without a byte order mark, separated by {@code ,}
 * or {@code ;} (whichever the first line has more of, as spreadsheets in many locales write {@code
 * ;}). A first line naming the columns (address, password, password_hash, frequency, format, in any
 * order) maps them by name; without one the columns are {@code address,password,frequency,format}.
 * Size and record count are capped before anything is read; a bad record is reported with its line
 * and the rest read on; a file that is not CSV at all is refused as a whole.
 */
final class EmailUserCsv {

    /** Largest file: 10,000 users with a password hash and report settings fit well within it. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    /** The columns, by the names a header line may give them. */
    enum Column {
        ADDRESS,
        PASSWORD,
        PASSWORD_HASH,
        FREQUENCY,
        FORMAT
    }

    private static final Map<String, Column> NAMES =
            Map.ofEntries(
                    Map.entry("address", Column.ADDRESS), Map.entry("email", Column.ADDRESS),
                    Map.entry("e_mail", Column.ADDRESS), Map.entry("email_address", Column.ADDRESS),
                    Map.entry("password", Column.PASSWORD),
                            Map.entry("password_hash", Column.PASSWORD_HASH),
                    Map.entry("frequency", Column.FREQUENCY),
                            Map.entry("report_frequency", Column.FREQUENCY),
                    Map.entry("format", Column.FORMAT), Map.entry("report_format", Column.FORMAT));

    private static final List<Column> POSITIONAL =
            List.of(Column.ADDRESS, Column.PASSWORD, Column.FREQUENCY, Column.FORMAT);

    /** Longest field kept; longer ones are an error of their line, not stored or echoed. */
    private static final int MAX_FIELD = 512;

    /** The users read and the records that could not be. {@code lines}: lines in the file. */
    record Parsed(int lines, List<EmailUserImport.Row> rows, List<LineError> errors) {}

    private EmailUserCsv() {}

    static Parsed parse(byte[] csv, String domain) {
        if (csv == null || csv.length == 0) {
            throw new InvalidRequest("the CSV file is empty");
        }
        if (csv.length > MAX_BYTES) {
            throw new InvalidRequest(
                    "the CSV file is larger than " + MAX_BYTES / 1024 / 1024 + " MB");
        }
        String text = utf8(csv);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        CSVFormat format =
                CSVFormat.RFC4180
                        .builder()
                        .setDelimiter(delimiter(text))
                        .setIgnoreEmptyLines(true)
                        .setIgnoreSurroundingSpaces(true)
                        .get();
        List<EmailUserImport.Row> rows = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        LineCounter lines = new LineCounter(text);
        List<Column> columns = null;
        int records = 0;
        try (CSVParser parser =
                CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            Iterator<CSVRecord> it = parser.iterator();
            while (next(it, parser)) {
                CSVRecord record = it.next();
                int line = lines.lineAt(record.getCharacterPosition());
                if (columns == null) {
                    columns = header(record);
                    if (columns != null) {
                        continue;
                    }
                    columns = POSITIONAL;
                }
                if (++records > EmailUserService.MAX_IMPORT_LINES) {
                    throw new InvalidRequest(
                            "a CSV import has at most "
                                    + EmailUserService.MAX_IMPORT_LINES
                                    + " users");
                }
                if (blank(record)) {
                    continue;
                }
                try {
                    EmailUserImport.Row row = row(line, record, columns, domain);
                    if (!seen.add(row.address())) {
                        throw new InvalidRequest(row.address() + " is listed twice");
                    }
                    rows.add(row);
                } catch (InvalidRequest e) {
                    errors.add(new LineError(line, clip(record.get(0)), e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new InvalidRequest("the CSV file could not be read");
        }
        return new Parsed(lines.total(), rows, errors);
    }

    /**
     * Advances the parser; a quoting error ends the import, naming the line its record starts on.
     */
    private static boolean next(Iterator<CSVRecord> it, CSVParser parser) {
        long before = parser.getCurrentLineNumber();
        try {
            return it.hasNext();
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new InvalidRequest(
                    "line "
                            + (before + 1)
                            + ": the CSV is malformed there (a quote not closed, or text after a closing quote);"
                            + " nothing was imported");
        }
    }

    /** The columns a header record names, or null when the first record is not a header. */
    private static List<Column> header(CSVRecord first) {
        Map<String, Column> byName = new HashMap<>();
        List<Column> columns = new ArrayList<>();
        boolean named = false;
        for (String value : first) {
            Column c = NAMES.get(LowerCase.of(value.strip()).replace('-', '_').replace(' ', '_'));
            named |= c == Column.ADDRESS;
            columns.add(c);
        }
        if (!named) {
            return null;
        }
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            if (c == null) {
                throw new InvalidRequest(
                        "line 1: unknown column '"
                                + clip(first.get(i))
                                + "'; the columns are address, password, password_hash, frequency and format");
            }
            if (byName.put(c.name(), c) != null) {
                throw new InvalidRequest(
                        "line 1: the column " + LowerCase.of(c.name()) + " is named twice");
            }
        }
        return columns;
    }

    private static EmailUserImport.Row row(
            int line, CSVRecord record, List<Column> columns, String domain) {
        if (record.size() > columns.size()) {
            throw new InvalidRequest(
                    "too many fields: "
                            + record.size()
                            + ", expected at most "
                            + columns.size()
                            + (columns == POSITIONAL
                                    ? " (address,password,frequency,format)"
                                    : ""));
        }
        Map<Column, String> fields = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            String value = record.get(i);
            if (value.length() > MAX_FIELD) {
                throw new InvalidRequest(
                        "the "
                                + LowerCase.of(columns.get(i).name())
                                + " field is longer than "
                                + MAX_FIELD
                                + " characters");
            }
            if (!value.isBlank()) {
                fields.put(
                        columns.get(i), columns.get(i) == Column.PASSWORD ? value : value.strip());
            }
        }
        return EmailUserImport.Row.parse(
                line,
                fields.get(Column.ADDRESS),
                fields.get(Column.PASSWORD),
                fields.get(Column.PASSWORD_HASH),
                fields.get(Column.FREQUENCY),
                fields.get(Column.FORMAT),
                domain);
    }

    /**
     * {@code ;} when the first line has more of them than commas outside quotes, else {@code ,}.
     */
    static char delimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && i < 4096; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static boolean blank(CSVRecord record) {
        for (String value : record) {
            if (!value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String utf8(byte[] csv) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(csv))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRequest("the CSV file is not UTF-8 text; save it as \"CSV UTF-8\"");
        }
    }

    private static String clip(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }

    /** Line numbers of character positions, counted forward once through the text. */
    private static final class LineCounter {

        private final String text;
        private int position;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        int lineAt(long characterPosition) {
            int target = (int) Math.min(characterPosition, text.length());
            for (; position < target; position++) {
                if (text.charAt(position) == '\n') {
                    line++;
                }
            }
            return line;
        }

        int total() {
            int n = lineAt(text.length());
            return text.endsWith("\n") ? n - 1 : n;
        }
    }
}
