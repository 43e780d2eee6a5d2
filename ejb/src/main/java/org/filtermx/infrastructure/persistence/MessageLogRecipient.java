package org.filtermx.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Index row that lets log search find a message by any one of its recipients. */
@Entity
@Table(name = "message_log_recipient")
public class MessageLogRecipient {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "log_id", nullable = false)
    private long logId;

    @Column(name = "address", nullable = false, length = 320)
    private String address;

    protected MessageLogRecipient() {}
}
