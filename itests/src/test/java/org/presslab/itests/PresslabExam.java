package org.presslab.itests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.runner.Description;
import org.junit.runner.Runner;
import org.junit.runner.manipulation.Filter;
import org.junit.runner.manipulation.Filterable;
import org.junit.runner.manipulation.NoTestsRemainException;
import org.junit.runner.manipulation.Sortable;
import org.junit.runner.manipulation.Sorter;
import org.junit.runner.notification.Failure;
import org.junit.runner.notification.RunNotifier;
import org.junit.runners.model.InitializationError;
import org.ops4j.pax.exam.junit.PaxExam;

/**
 * Pax Exam's JUnit runner, with one thing added: when the Karaf container never comes up (Pax Exam's "Cannot get
 * the remote bundle context" after the system timeout, before any test of the class has started), it prints the
 * tail of that container's {@code karaf.log} and boots a fresh container once more. A container that fails to
 * come up twice fails the class as before; a failure after the first test started is never retried.
 *
 * <p>Why: CI once saw one of eight containers never register its remote bundle context, with nothing left to
 * read; this makes such a boot hang visible (the log) and keeps a single one from sinking the whole build.
 * Only the Maven side loads this class: the container runs each test with Pax Exam's own container runner.
 */
public final class PresslabExam extends Runner implements Filterable, Sortable {

    private final Class<?> testClass;
    private PaxExam delegate;
    private Filter filter;
    private Sorter sorter;

    public PresslabExam(Class<?> testClass) throws InitializationError {
        this.testClass = testClass;
        this.delegate = new PaxExam(testClass);
    }

    @Override
    public Description getDescription() {
        return delegate.getDescription();
    }

    @Override
    public void filter(Filter f) throws NoTestsRemainException {
        delegate.filter(f);
        filter = f;
    }

    @Override
    public void sort(Sorter s) {
        delegate.sort(s);
        sorter = s;
    }

    @Override
    public void run(RunNotifier notifier) {
        long started = System.currentTimeMillis();
        BootGuard guard = new BootGuard(notifier);
        try {
            delegate.run(guard);
        } catch (RuntimeException e) {
            // Pax Exam throws its tear-down's "Container never came up" out of run() instead of notifying it.
            if (guard.testStarted || !isBootFailure(e)) {
                throw e;
            }
            guard.held.add(new Failure(getDescription(), e));
        }
        if (guard.held.isEmpty()) {
            return;
        }
        System.out.printf("[presslab-itests] %s: the Karaf container did not come up (%s) after %.0f s; "
                + "its log follows, then one fresh container is booted%n", testClass.getSimpleName(),
                guard.held.get(0).getMessage(), (System.currentTimeMillis() - started) / 1000.0);
        printNewestContainerLog(started);
        try {
            PaxExam again = new PaxExam(testClass);
            if (filter != null) {
                again.filter(filter);
            }
            if (sorter != null) {
                again.sort(sorter);
            }
            delegate = again;
            again.run(notifier);
        } catch (InitializationError | NoTestsRemainException e) {
            for (Failure f : guard.held) {
                notifier.fireTestFailure(f);
            }
            notifier.fireTestFailure(new Failure(getDescription(), e));
        }
    }

    /** Pax Exam's messages when the container never registered its remote bundle context. */
    static boolean isBootFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("Cannot get the remote bundle context") || m.contains("Container never came up")) {
                return true;
            }
        }
        return false;
    }

    /** The last lines of karaf.log of the newest container folder under target/exam started after {@code since}. */
    private static void printNewestContainerLog(long since) {
        Path exam = new File("target/exam").toPath();
        if (!Files.isDirectory(exam)) {
            System.out.println("[presslab-itests] no target/exam folder to read a container log from");
            return;
        }
        try (Stream<Path> dirs = Files.list(exam)) {
            Optional<Path> newest = dirs.filter(Files::isDirectory)
                    .filter(d -> d.toFile().lastModified() >= since - 5_000)
                    .max(Comparator.comparingLong(d -> d.toFile().lastModified()));
            if (newest.isEmpty()) {
                System.out.println("[presslab-itests] the container's folder was removed; no log to show");
                return;
            }
            Path log = newest.get().resolve("data/log/karaf.log");
            if (!Files.isRegularFile(log)) {
                System.out.println("[presslab-itests] " + newest.get() + " has no data/log/karaf.log: the Karaf JVM "
                        + "stopped or hung before its log service started");
                return;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - 80), lines.size()));
            System.out.println("[presslab-itests] last " + tail.size() + " of " + lines.size() + " lines of " + log + ":");
            tail.forEach(l -> System.out.println("    " + l));
        } catch (IOException | RuntimeException e) {
            System.out.println("[presslab-itests] could not read the container log: " + e);
        }
    }

    /**
     * Passes every notification through, except class-level boot failures that come before any test started:
     * those are held back for the retry.
     */
    private static final class BootGuard extends RunNotifier {
        private final RunNotifier target;
        final List<Failure> held = new ArrayList<>();
        boolean testStarted;

        BootGuard(RunNotifier target) {
            this.target = target;
        }

        @Override
        public void fireTestStarted(Description description) {
            testStarted = true;
            target.fireTestStarted(description);
        }

        @Override
        public void fireTestFailure(Failure failure) {
            if (!testStarted && isBootFailure(failure.getException())) {
                held.add(failure);
            } else {
                target.fireTestFailure(failure);
            }
        }

        @Override
        public void fireTestAssumptionFailed(Failure failure) {
            target.fireTestAssumptionFailed(failure);
        }

        @Override
        public void fireTestIgnored(Description description) {
            target.fireTestIgnored(description);
        }

        @Override
        public void fireTestFinished(Description description) {
            target.fireTestFinished(description);
        }

        @Override
        public void fireTestSuiteStarted(Description description) {
            target.fireTestSuiteStarted(description);
        }

        @Override
        public void fireTestSuiteFinished(Description description) {
            target.fireTestSuiteFinished(description);
        }

        @Override
        public void pleaseStop() {
            target.pleaseStop();
        }
    }
}
