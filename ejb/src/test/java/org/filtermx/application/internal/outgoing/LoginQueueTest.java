package org.filtermx.application.internal.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoginQueueTest {

    /** Waits an hour for a name's lock: a lock never given back shows as a test timeout. */
    private final LoginQueue queue = new LoginQueue(3600);

    @Test
    void checksOfOneNameRunOneAfterTheOther() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = i;
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return queue.oneAtATime(
                                            "shop@example.com",
                                            () -> {
                                                most.accumulateAndGet(
                                                        running.incrementAndGet(), Math::max);
                                                sleep(20);
                                                running.decrementAndGet();
                                                return n;
                                            });
                                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> result : results) {
                answers.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(answers).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(most.get()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedCheckLetsTheNextOneRun() throws Exception {
        try {
            queue.oneAtATime(
                    "a@example.com",
                    () -> {
                        throw new IllegalStateException("database down");
                    });
        } catch (IllegalStateException expected) {
            // the lock must have been given back
        }
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            Future<String> next =
                    other.submit(() -> queue.oneAtATime("a@example.com", () -> "next"));
            assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("next");
        } finally {
            other.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
