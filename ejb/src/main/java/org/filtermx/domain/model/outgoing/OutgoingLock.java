package org.filtermx.domain.model.outgoing;

import java.time.Instant;

/**
 * A lock of an outgoing user after spam was found in its mail: {@code identity} empty locks the
 * whole account, otherwise one real sender of a smarthost account.
 */
public record OutgoingLock(long userId, String identity, Instant lockedAt, String reason) {}
