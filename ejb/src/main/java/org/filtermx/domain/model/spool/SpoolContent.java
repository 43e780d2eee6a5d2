package org.filtermx.domain.model.spool;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * The bytes of a spooled message, kept apart from its envelope so that scanning the queue never
 * reads message bodies. Stored in the database so every node can deliver any message.
 */
@Entity
@Table(name = "spool_content")
public class SpoolContent {

    @Id
    @Column(name = "spool_id")
    private Long spoolId;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    protected SpoolContent() {}

    public SpoolContent(long spoolId, byte[] content) {
        this.spoolId = spoolId;
        this.content = content;
    }

    public byte[] bytes() {
        return content;
    }
}
