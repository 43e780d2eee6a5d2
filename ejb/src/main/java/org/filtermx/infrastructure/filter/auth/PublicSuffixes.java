package org.filtermx.infrastructure.filter.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.client5.http.psl.DomainType;
import org.apache.hc.client5.http.psl.PublicSuffixMatcher;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;

/**
 * The Public Suffix List (https://publicsuffix.org) that organizational domains are computed from,
 * matched by httpclient5's {@link PublicSuffixMatcher}: the operator's copy named by {@value
 * #SETTING} when set (re-read when the file changes, checked at most every {@value #RECHECK_MILLIS}
 * ms), otherwise the copy bundled with httpclient5. ICANN and private sections both count, as in
 * OpenDMARC, so that {@code a.blogspot.com} and {@code b.blogspot.com} are different organizations.
 * See docs/adr/0016.
 */
public final class PublicSuffixes {

    /** Environment variable (or system property) naming the operator's list file. */
    public static final String SETTING = "FILTERMX_PUBLIC_SUFFIX_LIST";

    static final long RECHECK_MILLIS = 60_000;

    private static final Logger LOG = Logger.getLogger(PublicSuffixes.class.getName());
    private static final PublicSuffixes CONFIGURED = new PublicSuffixes(configuredPath());

    private final Path file;
    private volatile PublicSuffixMatcher matcher;
    private volatile FileTime loadedVersion;
    private volatile long checkedAt;

    /**
     * @param file the operator's list, or {@code null} for the bundled one
     */
    PublicSuffixes(Path file) {
        this.file = file;
        this.matcher = file == null ? PublicSuffixMatcherLoader.getDefault() : loadOrBundled(file);
        this.checkedAt = System.currentTimeMillis();
    }

    /** The installation's list. */
    public static PublicSuffixes configured() {
        return CONFIGURED;
    }

    /**
     * The registrable part of {@code domain} (public suffix plus one label), or {@code null} when
     * the name is itself a public suffix. Names under a suffix the list does not know take the last
     * label as their suffix (the list's implicit {@code *} rule).
     */
    String registrableDomain(String domain) {
        try {
            return current().getDomainRoot(domain, (DomainType) null);
        } catch (RuntimeException notAName) {
            // IDN conversion refuses some hostile labels; such a name is compared whole.
            return null;
        }
    }

    private PublicSuffixMatcher current() {
        long now = System.currentTimeMillis();
        if (file != null && now - checkedAt >= RECHECK_MILLIS) {
            checkedAt = now;
            reloadIfChanged();
        }
        return matcher;
    }

    /** Reads the operator's file again if its modification time changed since the last read. */
    synchronized void reloadIfChanged() {
        try {
            FileTime version = Files.getLastModifiedTime(file);
            if (version.equals(loadedVersion)) {
                return;
            }
            matcher = PublicSuffixMatcherLoader.load(file.toFile());
            loadedVersion = version;
            LOG.info("Public Suffix List loaded from " + file);
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Public Suffix List " + file + " could not be read; keeping the list in use",
                    e);
        }
    }

    private PublicSuffixMatcher loadOrBundled(Path path) {
        try {
            FileTime version = Files.getLastModifiedTime(path);
            PublicSuffixMatcher loaded = PublicSuffixMatcherLoader.load(path.toFile());
            loadedVersion = version;
            LOG.info("Public Suffix List loaded from " + path);
            return loaded;
        } catch (IOException | RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    SETTING + "=" + path + " could not be read; using the bundled list",
                    e);
            return PublicSuffixMatcherLoader.getDefault();
        }
    }

    private static Path configuredPath() {
        String value = System.getProperty(SETTING, System.getenv(SETTING));
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }
}
