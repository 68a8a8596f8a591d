package org.presslab.control.internal;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.presslab.analyzer.api.Analyzer;
import org.presslab.impedance.api.CircuitFitter;
import org.presslab.impedance.api.KramersKronig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a station measures impedance with: its analyzer (the first one matching {@code analyzer.target}; a
 * second match waits as a standby, as for drivers), the platform's circuit fitter and Kramers-Kronig test
 * (optional services), and the thread that starts measurements and fits spectra, so that neither an
 * analyzer call nor a fit ever runs on the control loop. Thread-safe: bindings are volatile, set by the DS
 * component's bind methods; the recipe steps read them as owner.
 */
final class EisInstruments {

    private static final Logger LOG = LoggerFactory.getLogger(EisInstruments.class);

    private final String stationId;
    private volatile Analyzer analyzer;
    private final CopyOnWriteArrayList<Analyzer> standby = new CopyOnWriteArrayList<>();
    private volatile String analyzerTarget = "";
    private volatile CircuitFitter fitter;
    private volatile KramersKronig kk;
    private volatile Executor executor;
    private ExecutorService own;

    EisInstruments(String stationId) {
        this.stationId = stationId;
    }

    /** The analyzer in use; null when none matches. */
    Analyzer analyzer() {
        return analyzer;
    }

    /** The station's {@code analyzer.target} filter, for messages; empty when it has none. */
    String analyzerTarget() {
        return analyzerTarget;
    }

    void setAnalyzerTarget(String target) {
        analyzerTarget = target == null ? "" : target;
    }

    synchronized void bindAnalyzer(Analyzer a) {
        if (analyzer == null) {
            analyzer = a;
            LOG.info("Station '{}' measures impedance with analyzer '{}'", stationId, safeId(a));
        } else if (analyzer != a && !standby.contains(a)) {
            standby.add(a);
            LOG.info("Station '{}': analyzer '{}' also matches; it waits as a standby for '{}'", stationId, safeId(a),
                    safeId(analyzer));
        }
    }

    /** The analyzer left (or no longer matches): a standby takes its place; a measurement on it fails at its next poll. */
    synchronized void unbindAnalyzer(Analyzer a) {
        standby.remove(a);
        if (analyzer == a) {
            analyzer = standby.isEmpty() ? null : standby.remove(0);
            LOG.info("Station '{}': analyzer '{}' left; now {}", stationId, safeId(a),
                    analyzer == null ? "none" : "'" + safeId(analyzer) + "'");
        }
    }

    CircuitFitter fitter() {
        return fitter;
    }

    void setFitter(CircuitFitter f) {
        fitter = f;
    }

    /** Clears the fitter only when it is still {@code f} (DS may bind the next one first). */
    void unsetFitter(CircuitFitter f) {
        if (fitter == f) {
            fitter = null;
        }
    }

    KramersKronig kk() {
        return kk;
    }

    void setKk(KramersKronig k) {
        kk = k;
    }

    void unsetKk(KramersKronig k) {
        if (kk == k) {
            kk = null;
        }
    }

    /**
     * Where measurements are started and spectra fitted: by default one daemon thread per station, made on
     * first use. Tests in virtual time pass {@code Runnable::run} so everything happens, deterministically, on
     * the thread that advances time.
     */
    synchronized void useExecutor(Executor e) {
        executor = e;
    }

    synchronized Executor executor() {
        if (executor == null) {
            own = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "presslab-eis-" + stationId);
                t.setDaemon(true);
                t.setPriority(Thread.MIN_PRIORITY); // fits are CPU work: below the loop, the supervisor and the watch
                return t;
            });
            executor = own;
        }
        return executor;
    }

    synchronized void close() {
        if (own != null) {
            own.shutdownNow();
        }
    }

    static String safeId(Analyzer a) {
        try {
            return a.id();
        } catch (RuntimeException e) {
            return String.valueOf(a);
        }
    }
}
