package org.filtermx.domain.model.quarantine;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * One recipient of a held message and whether it has been released to that recipient: a message is
 * released per recipient, since each recipient's report carries its own release link.
 */
@Entity
@Table(name = "quarantine_recipient")
@IdClass(HeldRecipient.Key.class)
public class HeldRecipient {

    @Id
    @Column(name = "address", length = 320)
    private String address;

    @Id
    @Column(name = "quarantine_id")
    private long quarantineId;

    @Column(name = "released_at")
    private Instant releasedAt;

    protected HeldRecipient() {}

    public HeldRecipient(String address, long quarantineId) {
        this.address = address;
        this.quarantineId = quarantineId;
    }

    public String address() {
        return address;
    }

    public long quarantineId() {
        return quarantineId;
    }

    public Instant releasedAt() {
        return releasedAt;
    }

    public boolean released() {
        return releasedAt != null;
    }

    /** The composite key: address, then message. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String address;
        private long quarantineId;

        public Key() {}

        public Key(String address, long quarantineId) {
            this.address = address;
            this.quarantineId = quarantineId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && k.quarantineId == quarantineId
                    && Objects.equals(k.address, address);
        }

        @Override
        public int hashCode() {
            return Objects.hash(address, quarantineId);
        }
    }
}
