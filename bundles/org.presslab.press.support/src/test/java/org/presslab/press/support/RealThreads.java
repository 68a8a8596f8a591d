package org.presslab.press.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Test tasks on real threads: released at once, waited for with a bound, the first failure rethrown. */
final class RealThreads {

    /** A task; an exception or an AssertionError fails the race. */
    interface Task {
        void run() throws Exception;
    }

    private RealThreads() {
    }

    /** {@code n} threads running the same task. */
    static List<Task> times(int n, Task task) {
        return Collections.nCopies(n, task);
    }

    static List<Task> all(List<Task> first, Task... more) {
        List<Task> out = new ArrayList<>(first);
        out.addAll(Arrays.asList(more));
        return out;
    }

    /**
     * Starts one thread per task, releases them together and waits until all have ended.
     *
     * @throws AssertionError when a task failed (its failure as the cause) or a thread still runs after {@code limit}
     */
    static void race(Duration limit, List<Task> tasks) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    task.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "race-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        start.countDown();
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread t : threads) {
            t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (t.isAlive()) {
                AssertionError e = new AssertionError(t.getName() + " still runs after " + limit);
                e.setStackTrace(t.getStackTrace());
                throw e;
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a racing thread failed: " + failure.get(), failure.get());
        }
    }
}
