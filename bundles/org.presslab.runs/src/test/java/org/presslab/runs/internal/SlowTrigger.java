package org.presslab.runs.internal;

import java.sql.Connection;

import org.h2.api.Trigger;

/** Makes H2 slow for real: 2 ms per inserted sample row (the queue-overflow test installs it). */
public class SlowTrigger implements Trigger {

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
