package org.filtermx.application.internal.filtering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PreparedAheadTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static final List<Integer> ITEMS = IntStream.range(0, 500).boxed().toList();

    @Test
    void resultsComeInTheItemsOrderWhateverThreadPreparedThem() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Integer> used = new ArrayList<>();
        PreparedAhead.forEach(
                ITEMS,
                i -> {
                    threads.add(Thread.currentThread().getName());
                    if (ThreadLocalRandom.current().nextInt(10) == 0) {
                        Thread.onSpinWait();
                        try {
                            Thread.sleep(1);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return i * 2;
                },
                pool,
                4,
                used::add);
        assertThat(used).isEqualTo(ITEMS.stream().map(i -> i * 2).toList());
        assertThat(threads).as("prepared on the pool too").hasSizeGreaterThan(1);
    }

    @Test
    void neverMoreThanTheBoundAhead() {
        AtomicInteger prepared = new AtomicInteger();
        List<Integer> aheadSeen = new ArrayList<>();
        int[] usedCount = {0};
        PreparedAhead.forEach(
                ITEMS,
                i -> {
                    prepared.incrementAndGet();
                    return i;
                },
                pool,
                3,
                i -> aheadSeen.add(prepared.get() - ++usedCount[0]));
        assertThat(aheadSeen).allMatch(n -> n <= 3);
    }

    @Test
    void anExecutorThatRefusesLeavesTheWorkToTheCaller() {
        List<Integer> used = new ArrayList<>();
        PreparedAhead.forEach(
                ITEMS,
                i -> i + 1,
                task -> {
                    throw new RejectedExecutionException("full");
                },
                4,
                used::add);
        assertThat(used).isEqualTo(ITEMS.stream().map(i -> i + 1).toList());
    }

    @Test
    void anExecutorThatNeverRunsTheTasksDoesNotStallTheStage() {
        List<Runnable> neverRun = new ArrayList<>();
        List<Integer> used = new ArrayList<>();
        PreparedAhead.forEach(ITEMS, i -> i, neverRun::add, 4, used::add);
        assertThat(used).isEqualTo(ITEMS);
    }

    @Test
    void aPreparationThatFailsThrowsWhenItsTurnComesAfterTheOnesBefore() {
        List<Integer> used = new ArrayList<>();
        assertThatThrownBy(
                        () ->
                                PreparedAhead.forEach(
                                        ITEMS,
                                        i -> {
                                            if (i == 7) {
                                                throw new IllegalStateException("item 7");
                                            }
                                            return i;
                                        },
                                        pool,
                                        4,
                                        used::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item 7");
        assertThat(used).containsExactly(0, 1, 2, 3, 4, 5, 6);
    }
}
