#!/usr/bin/env python3
"""Fits the spectra exported by `Compare export` with impedance.py 1.7.1 (CustomCircuit.fit,
modulus weighting) from two starts: impedance.py has no automatic guess, so a fixed generic
guess of the kind its tutorials use, and the perturbed truth the Java side fits too.
Writes one line per spectrum and start: index, start, seconds, fitted parameters, standard errors."""
import sys, time, csv, warnings
import numpy as np
from impedance.models.circuits import CustomCircuit

warnings.filterwarnings("ignore")
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
        try:
            c = CustomCircuit(circuit, initial_guess=guess)
            c.fit(f, z, weight_by_modulus=True)
            p, conf = list(c.parameters_), list(c.conf_)
        except Exception as ex:  # a failed fit counts, with NaN values
            p, conf = [float("nan")] * len(guess), [float("nan")] * len(guess)
        dt = time.perf_counter() - t0
        out.write(",".join([str(idx), start, repr(dt)] + [repr(float(x)) for x in p] + [repr(float(x)) for x in conf]) + "\n")
out.close()
