package org.presslab.impedance.api;

/**
 * One peak of a distribution of relaxation times: a process.
 *
 * @param tau time constant at the maximum, seconds
 * @param frequencyHz characteristic frequency 1/(2 pi tau)
 * @param resistance area under the peak (between its neighbouring minima), ohms
 * @param gammaMax height of gamma(ln tau) at the maximum, ohms
 */
public record DrtPeak(double tau, double frequencyHz, double resistance, double gammaMax) {
}
