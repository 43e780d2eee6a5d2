package org.filtermx.domain.model.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spool's rules, held by the spooled message: recipient transitions, expiry, finishing. */
class SpooledMessageTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration LIFETIME = Duration.ofDays(5);

    private final SpooledMessage message =
            message("ann@example.com", "bob@example.com", "cy@example.com");

    private static SpooledMessage message(String... addresses) {
        Map<String, String> recipients = new LinkedHashMap<>();
        for (String a : addresses) {
            recipients.put(a, a.toUpperCase());
        }
        return new SpooledMessage(
                "Q1",
                7,
                "example.com",
                "sender@origin.example",
                1234,
                RECEIVED,
                LIFETIME,
                recipients);
    }

    private static RecipientState stateOf(SpooledMessage m, String address) {
        return m.recipients().stream()
                .filter(r -> r.address().equals(address))
                .findFirst()
                .orElseThrow()
                .state();
    }

    @Test
    void aNewMessageWaitsForEveryRecipientInEnvelopeOrderUntilItsLifetimeRunsOut() {
        assertThat(message.pendingAddresses())
                .containsExactly("ann@example.com", "bob@example.com", "cy@example.com");
        assertThat(message.recipients())
                .extracting(SpoolRecipient::originalAddress)
                .containsExactly("ANN@EXAMPLE.COM", "BOB@EXAMPLE.COM", "CY@EXAMPLE.COM");
        assertThat(message.untouched()).isTrue();
        assertThat(message.isFinished()).isFalse();
        assertThat(message.hasFailures()).isFalse();
        assertThat(message.nextAttemptAt()).isEqualTo(RECEIVED);
        assertThat(message.expiresAt()).isEqualTo(RECEIVED.plus(LIFETIME));
        assertThat(message.awaits("bob@example.com")).isTrue();
        assertThat(message.awaits("nobody@example.com")).isFalse();
    }

    @Test
    void aDeliveredRecipientIsDoneAndKeepsTheReply() {
        SpoolRecipient r = message.recordDelivered("bob@example.com", "250 2.0.0 ok");

        assertThat(r.state()).isEqualTo(RecipientState.DELIVERED);
        assertThat(r.lastReply()).isEqualTo("250 2.0.0 ok");
        assertThat(message.pendingAddresses()).containsExactly("ann@example.com", "cy@example.com");
        assertThat(message.awaits("bob@example.com")).isFalse();
        assertThat(message.untouched()).isFalse();
        assertThat(message.isFinished()).isFalse();
    }

    @Test
    void aTemporaryFailureLeavesTheRecipientPendingWithItsReply() {
        SpoolRecipient r = message.recordTemporaryFailure("ann@example.com", "451 4.3.0 try later");

        assertThat(r.state()).isEqualTo(RecipientState.PENDING);
        assertThat(r.lastReply()).isEqualTo("451 4.3.0 try later");
        assertThat(message.awaits("ann@example.com")).isTrue();
        assertThat(message.untouched()).isTrue();

        message.recordDelivered("ann@example.com", "250 ok");
        assertThat(stateOf(message, "ann@example.com")).isEqualTo(RecipientState.DELIVERED);
    }

    @Test
    void aPermanentFailureBouncesTheRecipient() {
        SpoolRecipient r =
                message.recordPermanentFailure("cy@example.com", "550 5.1.1 no such user");

        assertThat(r.state()).isEqualTo(RecipientState.FAILED);
        assertThat(r.expired()).isFalse();
        assertThat(message.hasFailures()).isTrue();
        assertThat(message.pendingAddresses())
                .containsExactly("ann@example.com", "bob@example.com");
    }

    @Test
    void aDeliveredRecipientNeverChangesAgain() {
        message.recordDelivered("bob@example.com", "250 ok");

        assertThatThrownBy(() -> message.recordTemporaryFailure("bob@example.com", "451 later"))
                .isInstanceOf(SpoolTransitionRefused.class)
                .hasMessageContaining("bob@example.com is already DELIVERED");
        assertThatThrownBy(() -> message.recordPermanentFailure("bob@example.com", "550 no"))
                .isInstanceOf(SpoolTransitionRefused.class);
        assertThatThrownBy(() -> message.recordDelivered("bob@example.com", "250 again"))
                .isInstanceOf(SpoolTransitionRefused.class);
        assertThat(stateOf(message, "bob@example.com")).isEqualTo(RecipientState.DELIVERED);
        assertThat(message.recipients().get(1).lastReply()).isEqualTo("250 ok");
    }

    @Test
    void aBouncedRecipientCannotBeDeliveredOrRetried() {
        message.recordPermanentFailure("ann@example.com", "550 no");

        assertThatThrownBy(() -> message.recordDelivered("ann@example.com", "250 ok"))
                .isInstanceOf(SpoolTransitionRefused.class)
                .hasMessageContaining("ann@example.com is already FAILED");
        assertThatThrownBy(() -> message.recordTemporaryFailure("ann@example.com", "451 later"))
                .isInstanceOf(SpoolTransitionRefused.class);
        assertThat(stateOf(message, "ann@example.com")).isEqualTo(RecipientState.FAILED);
    }

    @Test
    void anAddressThatIsNoRecipientIsRefused() {
        assertThatThrownBy(() -> message.recordDelivered("mallory@example.com", "250 ok"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "mallory@example.com is not a recipient of spooled message Q1");
    }

    @Test
    void aMessageIsFinishedWhenNoRecipientIsPending() {
        message.recordDelivered("ann@example.com", "250 ok");
        message.recordPermanentFailure("bob@example.com", "550 no");
        assertThat(message.isFinished()).isFalse();

        message.recordDelivered("cy@example.com", "250 ok");

        assertThat(message.isFinished()).isTrue();
        assertThat(message.hasFailures()).isTrue();
        assertThat(message.pendingAddresses()).isEmpty();
    }

    @Test
    void aMessageDeliveredToEveryoneFinishesWithoutFailures() {
        SpooledMessage single = message("ann@example.com");
        single.recordDelivered("ann@example.com", "250 ok");

        assertThat(single.isFinished()).isTrue();
        assertThat(single.hasFailures()).isFalse();
    }

    @Test
    void beforeItsLifetimeRunsOutNothingExpires() {
        message.recordTemporaryFailure("ann@example.com", "451 later");

        assertThat(message.expire(RECEIVED.plus(LIFETIME).minusMillis(1))).isEmpty();
        assertThat(message.pendingAddresses()).hasSize(3);
        assertThat(message.isFinished()).isFalse();
    }

    @Test
    void whenItsLifetimeRunsOutEveryPendingRecipientFailsWithItsLastReply() {
        message.recordDelivered("ann@example.com", "250 ok");
        message.recordTemporaryFailure("bob@example.com", "451 4.3.0 mailbox busy");

        var expired = message.expire(RECEIVED.plus(LIFETIME));

        assertThat(expired)
                .extracting(SpoolRecipient::address)
                .containsExactly("bob@example.com", "cy@example.com");
        assertThat(expired).allMatch(SpoolRecipient::expired);
        assertThat(expired.get(0).lastReply())
                .isEqualTo("retries exhausted; last reply: 451 4.3.0 mailbox busy");
        assertThat(expired.get(1).lastReply()).isEqualTo("retries exhausted");
        assertThat(stateOf(message, "ann@example.com")).isEqualTo(RecipientState.DELIVERED);
        assertThat(message.isFinished()).isTrue();
        assertThat(message.hasFailures()).isTrue();
        assertThat(message.expire(RECEIVED.plus(LIFETIME).plusSeconds(60))).isEmpty();
    }

    @Test
    void aDeferredMessageCountsTheAttemptWaitsAndGivesUpItsLease() {
        message.leaseTo("node-a", RECEIVED.plusSeconds(900));
        Instant next = RECEIVED.plusSeconds(300);

        message.deferUntil(next, "451 later");

        assertThat(message.attempts()).isEqualTo(1);
        assertThat(message.nextAttemptAt()).isEqualTo(next);
        assertThat(message.lastReply()).isEqualTo("451 later");
        assertThat(message.leaseOwner()).isNull();
        assertThat(message.leaseUntil()).isNull();
    }

    @Test
    void aFinishedMessageCannotBeDeferred() {
        SpooledMessage single = message("ann@example.com");
        single.recordPermanentFailure("ann@example.com", "550 no");

        assertThatThrownBy(() -> single.deferUntil(RECEIVED.plusSeconds(300), "451 later"))
                .isInstanceOf(SpoolTransitionRefused.class)
                .hasMessageContaining("Q1 is finished");
        assertThat(single.attempts()).isZero();
    }

    @Test
    void longRepliesAreCutToTheirColumn() {
        SpoolRecipient r =
                message.recordPermanentFailure("ann@example.com", "550 " + "x".repeat(600));

        assertThat(r.lastReply()).hasSize(512).startsWith("550 x");
    }

    @Test
    void theRecipientListCannotBeChangedFromOutside() {
        assertThatThrownBy(() -> message.recipients().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
