package org.filtermx.imap.api;

/**
 * The system flags of RFC 3501 section 2.3.2 that the quarantine keeps per login and message, as
 * bits. {@code \Recent} is not stored (the connector reports none) and keywords are not kept
 * (PERMANENTFLAGS has no {@code \*}).
 */
public final class ImapFlags {

    public static final int SEEN = 1;
    public static final int ANSWERED = 1 << 1;
    public static final int FLAGGED = 1 << 2;
    public static final int DELETED = 1 << 3;
    public static final int DRAFT = 1 << 4;

    /** Every bit above. */
    public static final int ALL = SEEN | ANSWERED | FLAGGED | DELETED | DRAFT;

    private ImapFlags() {}

    /** How a STORE combines the given flags with the stored ones (RFC 3501 section 6.4.6). */
    public enum Store {
        REPLACE,
        ADD,
        REMOVE;

        public int apply(int stored, int given) {
            return switch (this) {
                case REPLACE -> given & ALL;
                case ADD -> (stored | given) & ALL;
                case REMOVE -> stored & ~given & ALL;
            };
        }
    }
}
