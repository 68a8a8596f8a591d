package org.presslab.runs.internal;

import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.api.Trigger;

/**
 * Holds the writer inside an insert for real: the first inserted row counts {@link #entered} down, and every insert
 * waits (at most a minute) until the test counts {@link #release} down. Install it with {@link #arm()} first.
 */
public class HoldingTrigger implements Trigger {

    static volatile CountDownLatch entered = new CountDownLatch(1);
    static volatile CountDownLatch release = new CountDownLatch(1);

    static void arm() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        entered.countDown();
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
