package org.filtermx.infrastructure.mime;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.io.MaxHeaderLengthLimitException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.ParsedMessage;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Parses received message bytes once into the {@link ParsedMessage} all scanners share, walking
 * Mime4j's streaming token stream rather than building a DOM so that every limit in {@link
 * MimeLimits} holds; bad input is reported as {@link MimeProblem}s, never thrown.
 */
public final class MimeMessageParser {

    private final MimeLimits limits;

    public MimeMessageParser(MimeLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public static MimeMessageParser withDefaults() {
        return new MimeMessageParser(MimeLimits.defaults());
    }

    /**
     * Parses {@code raw}; whatever the input, returns what could be read within the limits. Headers
     * are the top-level entity's only. Text/plain and text/html parts without a file name or
     * attachment disposition become the text and HTML bodies; every other leaf part is an {@link
     * Attachment}, including those inside message/rfc822 parts. Once the total decoded cap is
     * spent, later attachments are still listed by name and type, with no content, size 0 and
     * {@code truncated} set.
     */
    public ParsedMessage parse(byte[] raw) {
        MessageAssembly out = new MessageAssembly(limits.textCap());
        StructureMonitor monitor = new StructureMonitor();
        MimeTokenStream tokens = new MimeTokenStream(mimeConfig(), monitor, null);
        Walk walk = new Walk(tokens, out, new DecodeBudget(limits.totalDecodedCap()));
        try {
            tokens.parse(new ByteArrayInputStream(raw == null ? new byte[0] : raw));
            walk.run();
        } catch (MaxHeaderLengthLimitException tooLong) {
            out.problem(MimeProblem.HEADER_SIZE_LIMIT);
        } catch (ScanInterrupted stop) {
            throw stop;
        } catch (IOException | MimeException | RuntimeException unreadable) {
            out.problem(MimeProblem.MALFORMED_MIME);
        }
        if (monitor.sawDamage()) {
            out.problem(MimeProblem.MALFORMED_MIME);
        }
        return out.build();
    }

    /**
     * Decodes RFC 2047 encoded words in a header value for display and matching; unknown charsets
     * read as ISO-8859-1 and anything undecodable is left as it was ({@link EncodedWords}).
     */
    public static String decodeHeader(String value) {
        return EncodedWords.decode(value);
    }

    private MimeConfig mimeConfig() {
        // Header count is enforced here per entity (Mime4j would abort the whole parse); line
        // length is not limited because a body may legitimately be one long base64 line, and
        // the input is already bounded by the message size limit. The whole-message caps Mime4j
        // 0.8.15 added (total headers, parts, nesting) abort the parse too; they stay off so that
        // MimeLimits' nesting and header limits report their own problem and parsing goes on.
        return new MimeConfig.Builder()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderCount(-1)
                .setMaxHeaderLen(limits.maxHeaderSize())
                .setMaxContentLen(-1)
                .setMaxTotalHeaderCount(-1)
                .setMaxTotalHeaderLen(-1)
                .setMaxPartCount(-1)
                .setMaxNestingDepth(-1)
                .build();
    }

    /** One pass over the token stream, tracking nesting and the entity whose header is open. */
    private final class Walk {
        private final MimeTokenStream tokens;
        private final MessageAssembly out;
        private final DecodeBudget budget;
        private PartHeader part = new PartHeader();
        private boolean skipBody;
        private boolean topLevel;
        private int depth;
        private int messages;

        Walk(MimeTokenStream tokens, MessageAssembly out, DecodeBudget budget) {
            this.tokens = tokens;
            this.out = out;
            this.budget = budget;
        }

        void run() throws IOException, MimeException {
            for (EntityState state = tokens.getState();
                    state != EntityState.T_END_OF_STREAM;
                    state = tokens.next()) {
                ScanInterrupted.checkpoint();
                switch (state) {
                    case T_START_MESSAGE -> {
                        if (messages++ > 0) {
                            out.reachedDepth(++depth);
                        }
                    }
                    case T_END_MESSAGE -> depth = Math.max(0, depth - 1);
                    case T_START_MULTIPART -> out.reachedDepth(++depth);
                    case T_END_MULTIPART -> depth--;
                    case T_START_HEADER -> startEntity();
                    case T_FIELD -> field(tokens.getField());
                    case T_END_HEADER -> endHeader();
                    case T_BODY -> body(tokens.getBodyDescriptor());
                    default -> {}
                }
            }
            if (budget.exceeded()) {
                out.problem(MimeProblem.DECODED_SIZE_LIMIT);
            }
        }

        private void startEntity() {
            part = new PartHeader();
            skipBody = false;
            int seen = out.countPart();
            topLevel = seen == 1;
            if (seen > limits.maxParts()) {
                out.problem(MimeProblem.PART_COUNT_LIMIT);
                tokens.stop();
                skipBody = true;
            }
        }

        private void field(Field field) {
            if (part.fieldCount() >= limits.maxHeaderCount()) {
                out.problem(MimeProblem.HEADER_COUNT_LIMIT);
                return;
            }
            String value = RawHeaderValue.of(field);
            part.add(field.getName(), value);
            if (topLevel) {
                out.header(field.getName(), value);
            }
        }

        /**
         * Decides on the declared type, as Mime4j has no body descriptor yet at this point; a
         * declared container is flattened at the limit whether or not Mime4j would descend.
         */
        private void endHeader() {
            if (part.declaresContainer() && depth >= limits.maxNesting()) {
                // Mime4j delivers a flat entity's body unparsed; it is skipped, not kept.
                out.problem(MimeProblem.MIME_NESTING_LIMIT);
                tokens.setRecursionMode(RecursionMode.M_FLAT);
                skipBody = true;
            }
        }

        private void body(BodyDescriptor descriptor) throws IOException {
            if (skipBody) {
                tokens.setRecursionMode(RecursionMode.M_RECURSE);
                return;
            }
            if (part.declaresMultipart()) {
                // RFC 2046 section 5.1.1: a multipart without a usable boundary parameter.
                out.problem(MimeProblem.MALFORMED_MIME);
            }
            String type = LowerCase.of(descriptor.getMimeType());
            String filename = part.filename();
            boolean inline =
                    filename.isEmpty()
                            && !part.isAttachmentDisposition()
                            && (type.equals("text/plain") || type.equals("text/html"));
            if (inline) {
                DecodedBody text =
                        DecodedBody.read(
                                tokens.getDecodedInputStream(), limits.textCap(), false, budget);
                String decoded =
                        new String(text.content(), TextCharsets.forLabel(descriptor.getCharset()));
                if (type.equals("text/plain")) {
                    out.text(decoded);
                } else {
                    out.html(decoded);
                }
            } else {
                DecodedBody file =
                        DecodedBody.read(
                                tokens.getDecodedInputStream(),
                                limits.attachmentCap(),
                                true,
                                budget);
                out.attachment(
                        new Attachment(
                                filename, type, file.size(), file.content(), file.truncated()));
            }
        }
    }
}
