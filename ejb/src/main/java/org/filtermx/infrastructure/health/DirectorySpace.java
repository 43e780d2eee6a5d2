package org.filtermx.infrastructure.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.filtermx.application.port.SpoolStorageProbe;

/**
 * Whether each directory exists, is writable and its file system keeps more than {@code reserve}
 * octets usable: the same reserve below which the SMTP listeners answer 452 4.3.1, so a node is
 * reported not ready exactly when it would refuse mail for lack of space. Two system calls per
 * directory, no file written.
 */
public final class DirectorySpace implements SpoolStorageProbe {

    private final long reserve;
    private final List<Path> directories;

    public DirectorySpace(long reserve, Path... directories) {
        this.reserve = reserve;
        this.directories = List.of(directories);
    }

    @Override
    public Optional<String> problem() {
        for (Path d : directories) {
            if (!Files.isDirectory(d) || !Files.isWritable(d)) {
                return Optional.of(d + " is not a writable directory");
            }
            long usable;
            try {
                usable = Files.getFileStore(d).getUsableSpace();
            } catch (IOException e) {
                return Optional.of("cannot ask the file system of " + d + ": " + e.getMessage());
            }
            if (usable < reserve) {
                return Optional.of(
                        d
                                + " has "
                                + usable
                                + " octets free, below FILTERMX_MIN_FREE_SPACE ("
                                + reserve
                                + ")");
            }
        }
        return Optional.empty();
    }
}
