package org.filtermx.smtp.server;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How much space is left where incoming mail is written: the temporary directory (each message
 * while it arrives) and the data directory (the embedded database, keys). A listener asks before
 * each transaction, as Postfix does with {@code queue_minfree}; the answer is remembered for a
 * second, since a file system's free space does not change faster than that matters.
 */
public final class StorageGuard {

    private static final long RECHECK_NANOS = 1_000_000_000L;

    private final List<Path> directories;
    private volatile long usable = Long.MAX_VALUE;
    private volatile long checkedAt;
    private volatile boolean checked;

    public StorageGuard(Path... directories) {
        this.directories = new ArrayList<>();
        for (Path d : directories) {
            if (d != null) {
                this.directories.add(d);
            }
        }
    }

    /** The fewest usable octets among the directories' file systems. */
    public long usableSpace() {
        long now = System.nanoTime();
        if (!checked || now - checkedAt > RECHECK_NANOS) {
            long least = Long.MAX_VALUE;
            for (Path d : directories) {
                least = Math.min(least, usable(d));
            }
            usable = least;
            checkedAt = now;
            checked = true;
        }
        return usable;
    }

    private static long usable(Path directory) {
        try {
            Path existing = directory;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null) {
                return Long.MAX_VALUE;
            }
            FileStore store = Files.getFileStore(existing);
            return store.getUsableSpace();
        } catch (IOException e) {
            // A file system that cannot be asked is treated as full: better 452 than lost mail.
            return 0;
        }
    }
}
