package org.picomesh.directory.picos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Answers from another process, reused for their time and no longer, bounded, and asked once however many wait. */
class RecentAnswersTest {
    /** The answers' clock, moved by the tests: no test waits for time to pass. */
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();

    private String ask(String key) {
        return key + " #" + asked.incrementAndGet();
    }

    @Test
    void anAnswerIsReusedUntilItsTimeIsUpThenAskedAgain() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(10, Duration.ofSeconds(30), nanos::get);
        assertThat(answers.get("a", this::ask)).isEqualTo("a #1");
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(answers.get("a", this::ask)).isEqualTo("a #1");
        nanos.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(answers.get("a", this::ask)).isEqualTo("a #2");
    }

    @Test
    void anAnswerNotWorthKeepingIsAskedForAgainNextTime() {
        RecentAnswers<Long, Optional<String>> answers = new RecentAnswers<>(10, Duration.ofHours(1), nanos::get);
        AtomicInteger nodeAsked = new AtomicInteger();
        assertThat(answers.get(7L, n -> Optional.empty(), Optional::isPresent)).isEmpty();
        assertThat(answers.get(7L, n -> Optional.of("block " + nodeAsked.incrementAndGet()), Optional::isPresent))
                .contains("block 1");
        assertThat(answers.get(7L, n -> Optional.of("block " + nodeAsked.incrementAndGet()), Optional::isPresent))
                .contains("block 1");
    }

    @Test
    void keepsNoMoreAnswersThanItsBound() {
        RecentAnswers<String, String> answers = new RecentAnswers<>(3, Duration.ofHours(1), nanos::get);
        for (int i = 0; i < 50; i++) {
            answers.get("pico " + i, this::ask);
        }
        assertThat(answers.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void whileOneReaderAsksTheOthersOfTheSameKeyWaitForItsAnswerInsteadOfAskingToo() throws Exception {
        RecentAnswers<String, String> answers = new RecentAnswers<>(10, Duration.ofSeconds(30), nanos::get);
        CountDownLatch hostAsked = new CountDownLatch(1);
        CountDownLatch hostAnswers = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> answers.get("slow", key -> {
            hostAsked.countDown();
            await(hostAnswers);
            return ask(key);
        }));
        assertThat(hostAsked.await(10, TimeUnit.SECONDS)).isTrue();
        AtomicReference<String> second = new AtomicReference<>();
        Thread reader = new Thread(() -> second.set(answers.get("slow", this::ask)));
        reader.start();
        awaitWaiting(reader);
        assertThat(answers.get("other", this::ask)).as("another key is not held up").isEqualTo("other #1");
        hostAnswers.countDown();
        reader.join(10_000);
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("slow #2");
        assertThat(second.get()).isEqualTo("slow #2");
        assertThat(asked).hasValue(2);
    }

    /** Until the reader blocks on the answer being asked (bounded: fails rather than hangs). */
    private static void awaitWaiting(Thread reader) throws InterruptedException {
        for (int i = 0; i < 10_000 && reader.getState() != Thread.State.WAITING; i++) {
            Thread.onSpinWait();
            Thread.yield();
            reader.join(0, 100_000);
        }
        assertThat(reader.getState()).as("the second reader waits for the first one's answer").isEqualTo(Thread.State.WAITING);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
