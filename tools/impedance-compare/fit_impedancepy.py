#!/usr/bin/env python3
"""Fits the spectra exported by `Compare export` with impedance.py 1.7.1 (CustomCircuit.fit,
modulus weighting) from two starts: impedance.py has no automatic guess, so a fixed generic
guess of the kind its tutorials use, and the perturbed truth the Java side fits too.
Writes one line per spectrum and start: index, start, seconds, fitted parameters, standard errors."""
import sys, time, csv, warnings, signal
import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore")
LIMIT = 60  # seconds: a fit still running then counts as failed, with its time as the limit


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)
d = sys.argv[1]
rows = list(csv.reader(open(d + "/spectra.csv")))
circuit = ",".join(rows[0][1:])
out = open(d + "/impedancepy.csv", "w")
data = {}
for r in rows[1:]:
    data.setdefault(int(r[0]), {})[r[1]] = np.array([float(x) for x in r[2:]])
for idx in sorted(data):
    e = data[idx]
    f, zr, zi = e["f"], e["re"], e["im"]
    z = zr + 1j * zi
    for start in ("generic", "perturbed"):
        guess = list(e[start])
        t0 = time.perf_counter()
        c0 = time.process_time()
        signal.alarm(LIMIT)
        try:
            c = CustomCircuit(circuit, initial_guess=guess)
            c.fit(f, z, weight_by_modulus=True)
            p, conf = list(c.parameters_), list(c.conf_)
        except Exception:  # a failed or timed-out fit counts, with NaN values
            p, conf = [float("nan")] * len(guess), [float("nan")] * len(guess)
        finally:
            signal.alarm(0)
        dt = time.perf_counter() - t0
        dc = time.process_time() - c0
        out.write(",".join([str(idx), start, repr(dt), repr(dc)] + [repr(float(x)) for x in p]
                           + [repr(float(x)) for x in conf]) + "\n")
        out.flush()
        print(idx, start, "%.3f s" % dt, flush=True) if dt > 5 else None
out.close()
