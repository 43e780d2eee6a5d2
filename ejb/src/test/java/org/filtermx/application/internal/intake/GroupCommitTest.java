package org.filtermx.application.internal.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.EJBTransactionRolledbackException;
import jakarta.transaction.RollbackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.filtermx.domain.model.message.Direction;
import org.filtermx.domain.model.message.StoredContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's protocol with a store that records its transactions: sessions that queue while
 * a transaction runs share the next one; a failed group is stored again message by message, so only
 * the faulty message fails; a single message's failure reaches its own session, after running again
 * if the database rolled its transaction back.
 */
class GroupCommitTest {

    private static final int SESSIONS = 8;

    private final ExecutorService sessions = Executors.newFixedThreadPool(SESSIONS);
    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean holdFirst = new AtomicBoolean(true);
    private GroupCommit commits;

    @AfterEach
    void stop() {
        sessions.shutdownNow();
    }

    private final MessageStore store =
            new MessageStore() {
                @Override
                public void store(List<Item> items) {
                    if (holdFirst.getAndSet(false)) {
                        awaitQueued(SESSIONS - 1);
                    }
                    List<String> ids = items.stream().map(Item::queueId).toList();
                    if (ids.contains("bad")) {
                        throw new IllegalStateException("cannot store bad");
                    }
                    transactions.add(ids);
                }
            };

    private void awaitQueued(int n) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commits.queued() < n && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private List<Future<?>> send(List<String> queueIds) {
        List<Future<?>> replies = new ArrayList<>();
        for (String id : queueIds) {
            replies.add(sessions.submit(() -> commits.store(List.of(item(id)))));
        }
        return replies;
    }

    @Test
    void sessionsThatQueueDuringATransactionShareTheNext() throws Exception {
        commits = new GroupCommit(store);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            ids.add("m" + i);
        }
        for (Future<?> reply : send(ids)) {
            reply.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).hasSize(1);
        assertThat(transactions.get(1)).hasSize(SESSIONS - 1);
        assertThat(transactions.stream().flatMap(List::stream))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aFailedGroupIsStoredMessageByMessageAndOnlyTheFaultyOneFails() throws Exception {
        commits = new GroupCommit(store);
        List<String> ids = List.of("m0", "m1", "m2", "bad", "m4", "m5", "m6", "m7");
        List<Future<?>> replies = send(ids);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                replies.get(i).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                assertThat(e.getCause()).hasMessage("cannot store bad");
                failed.add(ids.get(i));
            }
        }
        assertThat(failed).containsExactly("bad");
        assertThat(transactions.stream().flatMap(List::stream))
                .containsExactlyInAnyOrder("m0", "m1", "m2", "m4", "m5", "m6", "m7");
    }

    @Test
    void aMessageAloneGetsItsOwnFailure() {
        holdFirst.set(false);
        commits = new GroupCommit(store);
        assertThatThrownBy(() -> commits.store(List.of(item("bad"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot store bad");
        commits.store(List.of(item("good")));
        assertThat(transactions).containsExactly(List.of("good"));
    }

    @Test
    void aMessageWhoseTransactionTheDatabaseRolledBackIsStoredAgain() {
        // A Galera certification failure at commit, as the container reports it (ADR 0053).
        AtomicInteger rollbacks = new AtomicInteger(2);
        commits =
                new GroupCommit(
                        new MessageStore() {
                            @Override
                            public void store(List<Item> items) {
                                if (rollbacks.getAndDecrement() > 0) {
                                    throw new EJBTransactionRolledbackException(
                                            "commit failed",
                                            new RollbackException(
                                                    "ARJUNA016053: Could not commit transaction."));
                                }
                                transactions.add(items.stream().map(Item::queueId).toList());
                            }
                        });
        commits.store(List.of(item("m1")));
        assertThat(transactions).containsExactly(List.of("m1"));
        assertThat(rollbacks.get()).isEqualTo(-1);
    }

    private static MessageStore.Item item(String queueId) {
        return new MessageStore.Item(
                queueId,
                Direction.INBOUND,
                "example.com",
                "example.com",
                "192.0.2.1",
                "client.test",
                "sender@remote.test",
                Map.of("user@example.com", "user@example.com"),
                StoredContent.of(new byte[100]),
                new HeaderSummary(null, "subject", 0),
                Instant.parse("2026-12-03T10:00:00Z"),
                "received from 192.0.2.1",
                null);
    }
}
