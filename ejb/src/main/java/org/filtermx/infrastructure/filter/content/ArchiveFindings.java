package org.filtermx.infrastructure.filter.content;

import java.util.ArrayList;
import java.util.List;

/**
 * What inspecting one archive attachment found: executables by their path inside it, and whether it
 * was encrypted, a bomb, nested too deep or unreadable.
 */
final class ArchiveFindings {

    private final List<String> executables = new ArrayList<>();
    private boolean encrypted;
    private boolean bomb;
    private boolean tooDeep;
    private boolean unreadable;

    void executable(String path) {
        executables.add(path);
    }

    void encrypted() {
        encrypted = true;
    }

    void bomb() {
        bomb = true;
    }

    void tooDeep() {
        tooDeep = true;
    }

    void unreadable() {
        unreadable = true;
    }

    List<String> executables() {
        return List.copyOf(executables);
    }

    boolean isEncrypted() {
        return encrypted;
    }

    boolean isBomb() {
        return bomb;
    }

    boolean isTooDeep() {
        return tooDeep;
    }

    boolean isUnreadable() {
        return unreadable;
    }
}
