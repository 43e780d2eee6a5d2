package org.filtermx.domain.model.spool;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.filtermx.domain.model.shared.ColumnText;

/**
 * One envelope recipient of a spooled message, with the address as the client gave it. Its state
 * changes only through its message ({@link SpooledMessage}), which knows which changes are legal.
 */
@Entity
@Table(name = "spool_recipient")
public class SpoolRecipient {

    /** How the reason of a recipient whose retries ran out begins. */
    private static final String EXPIRED = "retries exhausted";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "spool_id", nullable = false)
    private long spoolId;

    @Column(name = "address", nullable = false, length = 320)
    private String address;

    @Column(name = "original_address", nullable = false, length = 320)
    private String originalAddress;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 16)
    private RecipientState state;

    @Column(name = "last_reply", length = 512)
    private String lastReply;

    protected SpoolRecipient() {}

    SpoolRecipient(String address, String originalAddress) {
        this.address = address;
        this.originalAddress = originalAddress;
        this.state = RecipientState.PENDING;
    }

    public String address() {
        return address;
    }

    public String originalAddress() {
        return originalAddress;
    }

    public RecipientState state() {
        return state;
    }

    public boolean pending() {
        return state == RecipientState.PENDING;
    }

    public String lastReply() {
        return lastReply;
    }

    /** Whether this recipient failed because the message's time in the queue ran out. */
    public boolean expired() {
        return state == RecipientState.FAILED && lastReply != null && lastReply.startsWith(EXPIRED);
    }

    void belongTo(long spoolId) {
        this.spoolId = spoolId;
    }

    /** Moves a pending recipient to {@code next}; a finished one never changes again. */
    void move(RecipientState next, String reply) {
        if (!pending()) {
            throw new SpoolTransitionRefused(
                    "recipient " + address + " is already " + state + "; it cannot become " + next);
        }
        state = next;
        lastReply = ColumnText.fit(reply, 512);
    }

    /** Fails a pending recipient whose retries ran out, keeping its last reply in the reason. */
    void expire() {
        move(
                RecipientState.FAILED,
                EXPIRED + (lastReply == null ? "" : "; last reply: " + lastReply));
    }
}
