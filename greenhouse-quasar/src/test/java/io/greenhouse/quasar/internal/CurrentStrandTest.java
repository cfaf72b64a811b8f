package io.greenhouse.quasar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link CurrentStrand}: each thread sees its own value, whichever thread used the class last. */
@Timeout(10)
class CurrentStrandTest {
    @Test
    void aThreadSeesTheValueItSet() {
        Object mine = new Object();
        CurrentStrand.set(mine);
        assertSame(mine, CurrentStrand.get());
        CurrentStrand.set(null);
        assertNull(CurrentStrand.get());
    }

    @Test
    void anotherThreadsValueNeverLeaksIn() throws Exception {
        Object mine = new Object();
        CurrentStrand.set(mine);
        AtomicReference<Object> seenThere = new AtomicReference<>("unset");
        Object theirs = new Object();
        Thread other = new Thread(() -> {
            seenThere.set(CurrentStrand.get());   // a fresh thread: nothing, though the cache holds our slot
            CurrentStrand.set(theirs);
        });
        other.start();
        other.join();
        assertNull(seenThere.get());
        assertSame(mine, CurrentStrand.get(), "the other thread used the class last; ours is unchanged");
        CurrentStrand.set(null);
    }

    @Test
    void twoThreadsTakingTurnsEachKeepTheirOwn() throws Exception {
        int rounds = 1_000;
        CountDownLatch done = new CountDownLatch(2);
        AtomicReference<String> failure = new AtomicReference<>();
        Runnable check = () -> {
            Object own = new Object();
            for (int i = 0; i < rounds; i++) {
                CurrentStrand.set(own);
                Thread.yield();
                if (CurrentStrand.get() != own) {
                    failure.set(Thread.currentThread().getName() + " saw another thread's value in round " + i);
                }
            }
            done.countDown();
        };
        new Thread(check, "a").start();
        new Thread(check, "b").start();
        done.await();
        assertEquals(null, failure.get());
    }
}
