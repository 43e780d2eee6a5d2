package org.filtermx.infrastructure.filter.content;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.filtermx.domain.model.filter.Attachment;
import org.filtermx.domain.model.filter.MessageUnderScan;
import org.filtermx.domain.model.filter.Reason;
import org.filtermx.domain.model.filter.ScanResult;
import org.filtermx.domain.model.filter.Scanner;

/**
 * Scores attachments that would run code when opened: blocked extensions, extensions disguised
 * behind a decoy or a direction override, and archives hiding executables, encrypted against
 * inspection, built as decompression bombs or nested too deep.
 *
 * <p>Each rule scores once per message; its detail names the files that triggered it. A rule whose
 * score is set to 0 is off.
 */
public final class AttachmentScanner implements Scanner {

    private static final int MAX_DETAIL_NAMES = 3;
    private static final int MAX_SHOWN = 100;

    private final AttachmentSettings settings;
    private final ArchiveInspector inspector;

    public AttachmentScanner(AttachmentSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.inspector = new ArchiveInspector(settings);
    }

    @Override
    public String name() {
        return "attachments";
    }

    @Override
    public ScanResult scan(MessageUnderScan message) {
        if (message.parsed() == null) {
            return ScanResult.CLEAN;
        }
        Findings found = new Findings();
        for (Attachment attachment : message.parsed().attachments()) {
            FileName name = FileName.of(attachment.filename());
            if (settings.blocks(name.extension())) {
                found.blocked.add(name.original());
                if (disguised(name)) {
                    found.disguised.add(name.original());
                }
            }
            byte[] content = attachment.content();
            if (content != null && ArchiveInspector.looksLikeArchive(content)) {
                String path = name.original().isEmpty() ? "(unnamed)" : name.original();
                ArchiveFindings archive = inspector.inspect(path, content);
                found.add(path, archive);
            }
        }
        return new ScanResult(found.reasons(settings), false);
    }

    /**
     * Whether the real extension is hidden: behind a decoy ({@code invoice.pdf.exe}), after a run
     * of spaces, or by a direction override that makes {@code fdp.exe} display as {@code exe.pdf}.
     */
    private boolean disguised(FileName name) {
        boolean decoy = settings.decoyExtensions().contains(name.decoyExtension());
        return decoy || name.padsBeforeExtension() || name.hadDirectionTricks();
    }

    /** The names behind each rule, collected before scoring so each rule scores once. */
    private static final class Findings {
        private final Set<String> blocked = new LinkedHashSet<>();
        private final Set<String> disguised = new LinkedHashSet<>();
        private final Set<String> executables = new LinkedHashSet<>();
        private final Set<String> encrypted = new LinkedHashSet<>();
        private final Set<String> bombs = new LinkedHashSet<>();
        private final Set<String> tooDeep = new LinkedHashSet<>();
        private final Set<String> unreadable = new LinkedHashSet<>();

        void add(String path, ArchiveFindings archive) {
            executables.addAll(archive.executables());
            if (archive.isEncrypted()) {
                encrypted.add(path);
            }
            if (archive.isBomb()) {
                bombs.add(path);
            }
            if (archive.isTooDeep()) {
                tooDeep.add(path);
            }
            if (archive.isUnreadable()) {
                unreadable.add(path);
            }
        }

        List<Reason> reasons(AttachmentSettings s) {
            List<Reason> reasons = new ArrayList<>();
            add(reasons, "ATTACHMENT_BLOCKED_EXT", s.blockedExtensionScore(), blocked);
            add(reasons, "ATTACHMENT_DOUBLE_EXT", s.doubleExtensionScore(), disguised);
            add(reasons, "ARCHIVE_CONTAINS_EXECUTABLE", s.archiveExecutableScore(), executables);
            add(reasons, "ARCHIVE_ENCRYPTED", s.archiveEncryptedScore(), encrypted);
            add(reasons, "ARCHIVE_BOMB", s.archiveBombScore(), bombs);
            add(reasons, "ARCHIVE_TOO_DEEP", s.archiveTooDeepScore(), tooDeep);
            add(reasons, "ARCHIVE_UNREADABLE", s.archiveUnreadableScore(), unreadable);
            return reasons;
        }

        private static void add(
                List<Reason> reasons, String rule, double score, Set<String> names) {
            if (names.isEmpty() || score == 0) {
                return;
            }
            List<String> shown =
                    names.stream().limit(MAX_DETAIL_NAMES).map(Findings::printable).toList();
            String detail = String.join(", ", shown);
            if (names.size() > MAX_DETAIL_NAMES) {
                detail += " and " + (names.size() - MAX_DETAIL_NAMES) + " more";
            }
            reasons.add(new Reason(rule, score, detail));
        }

        /**
         * Shows direction overrides and other invisible characters as code points in logs, the
         * first {@value #MAX_SHOWN} characters of the name only.
         */
        private static String printable(String name) {
            StringBuilder out = new StringBuilder();
            boolean cut = name.length() > MAX_SHOWN;
            (cut ? name.substring(0, MAX_SHOWN) : name)
                    .codePoints()
                    .forEach(
                            cp -> {
                                int type = Character.getType(cp);
                                boolean hidden =
                                        type == Character.FORMAT
                                                || type == Character.CONTROL
                                                || type == Character.LINE_SEPARATOR
                                                || type == Character.PARAGRAPH_SEPARATOR;
                                if (hidden) {
                                    out.append(String.format("U+%04X", cp));
                                } else {
                                    out.appendCodePoint(cp);
                                }
                            });
            return cut ? out.append("...").toString() : out.toString();
        }
    }
}
