package org.filtermx.infrastructure.filter.content;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.filtermx.domain.model.shared.LowerCase;

/**
 * What the attachment scanner blocks and how much each finding scores; the defaults block the file
 * types Windows runs or mounts on a double click, as mail providers commonly do.
 *
 * @param blockedExtensions extensions (lower case, without the dot) of files that run code
 * @param decoyExtensions extensions a blocked one hides behind in {@code invoice.pdf.exe}
 */
public record AttachmentSettings(
        Set<String> blockedExtensions,
        Set<String> decoyExtensions,
        double blockedExtensionScore,
        double doubleExtensionScore,
        double archiveExecutableScore,
        double archiveEncryptedScore,
        double archiveBombScore,
        double archiveTooDeepScore,
        double archiveUnreadableScore,
        ArchiveLimits archiveLimits) {

    public static final Set<String> DEFAULT_BLOCKED_EXTENSIONS =
            Set.of(
                    "exe", "scr", "com", "pif", "bat", "cmd", "vbs", "vbe", "js", "jse", "wsf",
                    "wsh", "msi", "msp", "hta", "cpl", "jar", "ps1", "lnk", "iso", "img", "vhd",
                    "reg", "dll", "chm");

    public static final Set<String> DEFAULT_DECOY_EXTENSIONS =
            Set.of(
                    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "txt", "csv", "htm",
                    "html", "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "mp3", "mp4", "wav",
                    "avi", "mov", "zip", "rar", "7z", "eml", "xml", "odt", "ods");

    public AttachmentSettings {
        blockedExtensions = lowerCase(blockedExtensions);
        decoyExtensions = lowerCase(decoyExtensions);
        Objects.requireNonNull(archiveLimits, "archiveLimits");
    }

    public static AttachmentSettings defaults() {
        return new AttachmentSettings(
                DEFAULT_BLOCKED_EXTENSIONS,
                DEFAULT_DECOY_EXTENSIONS,
                10.0,
                5.0,
                10.0,
                5.0,
                10.0,
                3.0,
                1.0,
                ArchiveLimits.defaults());
    }

    boolean blocks(String extension) {
        return blockedExtensions.contains(LowerCase.of(extension));
    }

    private static Set<String> lowerCase(Set<String> extensions) {
        return extensions.stream()
                .map(e -> LowerCase.of(e.strip()))
                .map(e -> e.startsWith(".") ? e.substring(1) : e)
                .collect(Collectors.toUnmodifiableSet());
    }
}
