package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The training groups' protocol with a writer that records its transactions: calls that queue while
 * a transaction runs share the next one, each keeping its own label and scope; a message that
 * cannot be read fails only its own call; a group that fails as a whole is tried again message by
 * message, so only the faulty one fails.
 */
class TrainingGroupsTest {

    private static final int CALLS = 8;

    private final ExecutorService calls = Executors.newFixedThreadPool(CALLS);
    private final List<List<String>> transactions = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean holdFirst = new AtomicBoolean(true);
    private TrainingGroups groups;

    @AfterEach
    void stop() {
        calls.shutdownNow();
    }

    /** Learns "name" messages; "unreadable" is left out, "broken" fails the whole group. */
    private List<String> write(List<ClassifierTraining.Lesson> lessons) {
        if (holdFirst.getAndSet(false)) {
            awaitQueued(CALLS - 1);
        }
        List<String> names = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (ClassifierTraining.Lesson l : lessons) {
            String name = new String(l.message(), StandardCharsets.US_ASCII);
            if (name.equals("broken")) {
                throw new IllegalStateException("cannot write broken");
            }
            problems.add(name.equals("unreadable") ? "the message cannot be read" : null);
            if (!name.equals("unreadable")) {
                names.add((l.spam() ? "spam:" : "ham:") + l.scope() + ":" + name);
            }
        }
        transactions.add(names);
        return problems;
    }

    private void awaitQueued(int n) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (groups.queued() < n && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private List<Future<?>> send(List<String> names) {
        List<Future<?>> replies = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ClassifierTraining.Lesson lesson =
                    lesson(names.get(i), i % 2 == 0, i % 3 == 0 ? "" : "a.example");
            replies.add(calls.submit(() -> groups.learn(lesson)));
        }
        return replies;
    }

    private static ClassifierTraining.Lesson lesson(String name, boolean spam, String scope) {
        return new ClassifierTraining.Lesson(name.getBytes(StandardCharsets.US_ASCII), spam, scope);
    }

    /** The call names that failed, with the failure's message checked. */
    private static List<String> failures(List<String> names, List<Future<?>> replies, String why)
            throws Exception {
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            try {
                replies.get(i).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                assertThat(e.getCause()).hasMessage(why);
                failed.add(names.get(i));
            }
        }
        return failed;
    }

    @Test
    void callsThatQueueDuringATransactionShareTheNextWithTheirOwnLabelAndScope() throws Exception {
        groups = new TrainingGroups(this::write);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            names.add("m" + i);
        }
        for (Future<?> reply : send(names)) {
            reply.get(10, TimeUnit.SECONDS);
        }
        assertThat(transactions).hasSize(2);
        assertThat(transactions.get(0)).hasSize(1);
        assertThat(transactions.get(1)).hasSize(CALLS - 1);
        assertThat(transactions.stream().flatMap(List::stream))
                .containsExactlyInAnyOrder(
                        "spam::m0",
                        "ham:a.example:m1",
                        "spam:a.example:m2",
                        "ham::m3",
                        "spam:a.example:m4",
                        "ham:a.example:m5",
                        "spam::m6",
                        "ham:a.example:m7");
    }

    @Test
    void anUnreadableMessageFailsOnlyItsOwnCallAndTheGroupIsLearnt() throws Exception {
        groups = new TrainingGroups(this::write);
        List<String> names = List.of("m0", "m1", "unreadable", "m3", "m4", "m5", "m6", "m7");
        List<Future<?>> replies = send(names);
        assertThat(failures(names, replies, "the message cannot be read"))
                .containsExactly("unreadable");
        assertThat(transactions).hasSize(2);
        assertThat(transactions.stream().flatMap(List::stream)).hasSize(CALLS - 1);
    }

    @Test
    void aFailedGroupIsLearntMessageByMessageAndOnlyTheFaultyOneFails() throws Exception {
        groups = new TrainingGroups(this::write);
        List<String> names = List.of("m0", "m1", "m2", "broken", "m4", "m5", "m6", "m7");
        List<Future<?>> replies = send(names);
        assertThat(failures(names, replies, "cannot write broken")).containsExactly("broken");
        assertThat(transactions.stream().flatMap(List::stream))
                .hasSize(CALLS - 1)
                .noneMatch(n -> n.endsWith(":broken"));
    }

    @Test
    void aLoneCallGetsItsOwnFailure() {
        holdFirst.set(false);
        groups = new TrainingGroups(this::write);
        assertThatThrownBy(() -> groups.learn(lesson("broken", true, "")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot write broken");
        assertThatThrownBy(() -> groups.learn(lesson("unreadable", true, "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the message cannot be read");
        groups.learn(lesson("good", false, ""));
        assertThat(transactions).containsExactly(List.of(), List.of("ham::good"));
    }
}
