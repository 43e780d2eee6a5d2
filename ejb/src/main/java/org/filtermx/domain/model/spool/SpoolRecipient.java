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

/** One envelope recipient of a spooled message, with the address as the client gave it. */
@Entity
@Table(name = "spool_recipient")
public class SpoolRecipient {

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

    public SpoolRecipient(long spoolId, String address, String originalAddress) {
        this.spoolId = spoolId;
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

    public String lastReply() {
        return lastReply;
    }

    public void settle(RecipientState newState, String reply) {
        this.state = newState;
        this.lastReply = ColumnText.fit(reply, 512);
    }
}
