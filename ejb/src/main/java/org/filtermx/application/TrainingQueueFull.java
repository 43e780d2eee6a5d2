package org.filtermx.application;

import jakarta.ejb.ApplicationException;

/**
 * The training queue holds as many messages or bytes as it may ({@code
 * FILTERMX_TRAINING_QUEUE_MAX}, {@code FILTERMX_TRAINING_QUEUE_MAX_BYTES}): the message was not
 * queued; try again after {@code retryAfterSeconds}, once the workers have learnt some.
 */
@ApplicationException(rollback = true)
public class TrainingQueueFull extends RuntimeException {

    private final long retryAfterSeconds;

    public TrainingQueueFull(long retryAfterSeconds) {
        super("the training queue is full; try again in " + retryAfterSeconds + " seconds");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
