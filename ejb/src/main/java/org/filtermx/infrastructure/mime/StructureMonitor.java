package org.filtermx.infrastructure.mime;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.stream.Event;

/**
 * Listens to Mime4j's lenient-parsing warnings and remembers whether any of them was structural
 * damage (a multipart or header cut short), while letting parsing carry on.
 */
final class StructureMonitor extends DecodeMonitor {

    private static final String BODY_CUT_SHORT = Event.MIME_BODY_PREMATURE_END.toString();
    private static final String HEADER_CUT_SHORT = Event.HEADERS_PREMATURE_END.toString();

    private boolean damage;

    @Override
    public boolean isListening() {
        return true;
    }

    /** Records the warning and returns {@code false} so that Mime4j does not throw. */
    @Override
    public boolean warn(String error, String dropDesc) {
        if (error != null && (error.contains(BODY_CUT_SHORT) || error.contains(HEADER_CUT_SHORT))) {
            damage = true;
        }
        return false;
    }

    boolean sawDamage() {
        return damage;
    }
}
