package org.filtermx.domain.model.message;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The received bytes of a message that several hosted domains' parts share, stored once (ADR 0015).
 * Written by {@link MessageBodyRepository#add}; mapped here so that a held part can refer to it.
 */
@Entity
@Table(name = "message_body")
public class MessageBody {

    @Id private Long id;

    @Column(name = "size_bytes", nullable = false)
    private long size;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    protected MessageBody() {}

    public Long id() {
        return id;
    }

    public long size() {
        return size;
    }

    public byte[] content() {
        return content;
    }
}
