package io.greenhouse;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A greenlet that holds the hub's thread too long is reported, naming it. */
class StallWatchdogTest extends HubTestBase {

    @Test
    @Timeout(60)
    void aGreenletThatBlocksTheHubIsReported() throws Exception {
        Logger logger = Logger.getLogger("io.greenhouse.scheduler");
        CountDownLatch reported = new CountDownLatch(1);
        String[] message = {null};
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getMessage() != null && record.getMessage().contains("without suspending")) {
                    message[0] = record.getMessage();
                    reported.countDown();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            Greenlet hog = Scheduler.schedule(() -> {
                // Blocks the hub's thread (a stand-in for a blocking JDK call) until the watchdog speaks.
                reported.await(30, TimeUnit.SECONDS);
            });
            hog.setName("the-hog");
            hog.join();
            assertNotNull(message[0], "no report within 30 s");
            assertTrue(message[0].contains("the-hog"), message[0]);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
