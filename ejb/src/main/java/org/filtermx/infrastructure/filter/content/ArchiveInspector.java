package org.filtermx.infrastructure.filter.content;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.filtermx.domain.model.filter.ScanInterrupted;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * Looks inside zip, tar, gzip and bzip2 attachments as streams, nested up to {@link
 * ArchiveLimits#maxDepth()}, for executables, encryption and bombs; it never holds more than a read
 * buffer per level and stops as soon as an {@link InflationBudget} limit is passed.
 *
 * <p>7z is recognised but not opened: its usual LZMA coding needs the XZ for Java library, which is
 * not on the class path; such archives are left to the virus scanner.
 */
final class ArchiveInspector {

    private static final int BUFFER = 8192;

    private final AttachmentSettings settings;

    ArchiveInspector(AttachmentSettings settings) {
        this.settings = settings;
    }

    /** Whether the bytes start like an archive this inspector opens. */
    static boolean looksLikeArchive(byte[] content) {
        ArchiveFormat format = ArchiveFormat.detect(content, content.length);
        return format != ArchiveFormat.NONE && format != ArchiveFormat.SEVEN_ZIP;
    }

    /** Inspects one attachment's bytes (the attachment itself is level 1). */
    ArchiveFindings inspect(String name, byte[] content) {
        ArchiveFindings findings = new ArchiveFindings();
        InflationBudget budget = new InflationBudget(settings.archiveLimits(), content.length);
        Walk walk = new Walk(findings, budget);
        try {
            walk.archive(new BufferedInputStream(new ByteArrayInputStream(content)), name, 1);
        } catch (ArchiveBombException bomb) {
            findings.bomb();
        } catch (ScanInterrupted stop) {
            throw stop;
        } catch (IOException | RuntimeException unreadable) {
            if (!findings.isEncrypted()) {
                findings.unreadable();
            }
        }
        return findings;
    }

    /** One inspection; recursion depth is bounded by {@link ArchiveLimits#maxDepth()}. */
    private final class Walk {
        private final ArchiveFindings findings;
        private final InflationBudget budget;

        Walk(ArchiveFindings findings, InflationBudget budget) {
            this.findings = findings;
            this.budget = budget;
        }

        /** Reads an archive or compressed stream at {@code depth}; {@code in} supports mark. */
        void archive(InputStream in, String path, int depth) throws IOException {
            switch (ArchiveFormat.detect(in)) {
                case ZIP -> zip(in, path, depth);
                case TAR -> entries(new TarArchiveInputStream(in), path, depth);
                // The JDK's gzip reader, as commons-compress 1.28's needs a newer commons-io.
                case GZIP -> compressed(new GZIPInputStream(in), innerName(path, ".gz"), depth);
                case BZIP2 ->
                        compressed(
                                new BZip2CompressorInputStream(in), innerName(path, ".bz2"), depth);
                default -> {}
            }
        }

        private void zip(InputStream in, String path, int depth) throws IOException {
            // Streaming, so a truncated attachment is read as far as it goes; stored entries
            // with a data descriptor are allowed as many zip tools write them.
            try (ZipArchiveInputStream zip =
                    new ZipArchiveInputStream(in, StandardCharsets.UTF_8.name(), true, true)) {
                ZipArchiveEntry entry;
                while ((entry = zip.getNextEntry()) != null) {
                    ScanInterrupted.checkpoint();
                    String entryPath = path + "/" + entry.getName();
                    if (entry.getGeneralPurposeBit().usesEncryption()) {
                        findings.encrypted();
                        budget.countEntry();
                        checkName(entryPath, entry.isDirectory());
                        continue;
                    }
                    if (!zip.canReadEntryData(entry)) {
                        budget.countEntry();
                        checkName(entryPath, entry.isDirectory());
                        continue;
                    }
                    entry(zip, entryPath, entry.getSize(), entry.isDirectory(), depth);
                }
            }
        }

        private void entries(ArchiveInputStream<?> archive, String path, int depth)
                throws IOException {
            try (archive) {
                ArchiveEntry entry;
                while ((entry = archive.getNextEntry()) != null) {
                    ScanInterrupted.checkpoint();
                    String entryPath = path + "/" + entry.getName();
                    entry(archive, entryPath, entry.getSize(), entry.isDirectory(), depth);
                }
            }
        }

        /** A compressed single stream does not add a level; its content may be a tar or a file. */
        private void compressed(InputStream decompressed, String innerPath, int depth)
                throws IOException {
            try (decompressed) {
                InputStream content = budget.guard(new BufferedInputStream(decompressed, BUFFER));
                if (ArchiveFormat.detect(content) == ArchiveFormat.TAR) {
                    entries(new TarArchiveInputStream(content), innerPath, depth);
                } else {
                    entry(content, innerPath, -1, false, depth);
                }
            }
        }

        private void entry(InputStream data, String path, long declared, boolean dir, int depth)
                throws IOException {
            budget.countEntry();
            checkName(path, dir);
            if (dir) {
                return;
            }
            budget.checkDeclared(declared);
            // The guard is outermost: a nested reader closing it leaves this entry readable.
            InputStream content = budget.guard(new BufferedInputStream(data, BUFFER));
            ArchiveFormat nested = ArchiveFormat.detect(content);
            if (nested != ArchiveFormat.NONE && nested != ArchiveFormat.SEVEN_ZIP) {
                if (depth + 1 > settings.archiveLimits().maxDepth()) {
                    findings.tooDeep();
                } else {
                    archive(content, path, depth + 1);
                }
            }
            drain(content);
        }

        private void checkName(String path, boolean dir) {
            if (!dir && settings.blocks(FileName.of(path).extension())) {
                findings.executable(path);
            }
        }

        private void drain(InputStream in) throws IOException {
            byte[] sink = new byte[BUFFER];
            while (in.read(sink) >= 0) {
                ScanInterrupted.checkpoint();
                // Counted by the budget's guard, which ends a bomb here.
            }
        }

        /** Names the one file a compressed stream holds after its outer name, as gunzip does. */
        private String innerName(String path, String suffix) {
            String base = path.substring(path.lastIndexOf('/') + 1);
            String lower = LowerCase.of(base);
            String inner = "content";
            if (lower.endsWith(".tgz")) {
                inner = base.substring(0, base.length() - 4) + ".tar";
            } else if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                inner = base.substring(0, base.length() - suffix.length());
            }
            return path + "/" + inner;
        }
    }
}
