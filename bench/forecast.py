#!/usr/bin/env python3
"""bench/forecast.py PATIENTS SECONDS [C_MODES]: the scipy peer of bench_forecast (forecast.sh).

The same fit as resorb_forecast_fit_mode, written the way a Python user would: the posterior
mode of (logit r, ln tau) for size/baseline = 1 - r F(t / tau) (F lognormal), with the two
priors as two extra data points, by scipy.optimize.curve_fit (Levenberg-Marquardt, absolute
sigma, so pcov is the same Laplace covariance (J'J)^-1). Prints fits per second over at least
SECONDS of CPU, and, given the C modes (bench_forecast_bench modes), the largest difference between
the two solutions.
"""
import math
import sys
import time

import numpy as np
from scipy.optimize import curve_fit
from scipy.special import expit, ndtr


def load(path):
    patients = []
    with open(path) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            rho_mean, rho_sd, u_sd, noise_sd, mu, sigma = map(float, parts[1:7])
            n = int(parts[7])
            t = np.array([float(parts[8 + 2 * j]) for j in range(n)])
            y = np.array([float(parts[9 + 2 * j]) for j in range(n)])
            patients.append((rho_mean, rho_sd, u_sd, noise_sd, mu, sigma, t, y))
    return patients


def fit(p):
    rho_mean, rho_sd, u_sd, noise_sd, mu, sigma, t, y = p
    n = len(t)
    x = np.arange(n + 2)
    ydata = np.concatenate([y, [rho_mean, 0.0]])
    sd = np.concatenate([np.full(n, noise_sd), [rho_sd, u_sd]])
    logt = np.log(t)

    def model(_x, rho, u):
        curve = 1.0 - expit(rho) * ndtr((logt - u - mu) / sigma)
        return np.concatenate([curve, [rho, u]])

    popt, pcov = curve_fit(model, x, ydata, p0=[rho_mean, 0.0], sigma=sd,
                           absolute_sigma=True, method="lm")
    return popt, pcov


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__, file=sys.stderr)
        return 1
    patients = load(sys.argv[1])
    seconds = float(sys.argv[2])
    fits = 0
    start = time.process_time()
    while True:
        for p in patients:
            fit(p)
            fits += 1
        elapsed = time.process_time() - start
        if elapsed >= seconds:
            break
    print("patients %d" % len(patients))
    print("scipy_fits_per_s %.1f" % (fits / elapsed))
    if len(sys.argv) == 4:
        worst = 0.0
        worst_cov = 0.0
        with open(sys.argv[3]) as f:
            for p, line in zip(patients, f):
                c = [float(v) for v in line.split("\t")]
                popt, pcov = fit(p)
                if math.isnan(c[0]):
                    continue
                worst = max(worst, abs(popt[0] - c[0]), abs(popt[1] - c[1]))
                cov = np.array([[c[2], c[3]], [c[3], c[4]]])
                worst_cov = max(worst_cov, float(np.max(np.abs(pcov - cov) / np.abs(cov).max())))
        print("max_mode_difference %.3g" % worst)
        print("max_relative_covariance_difference %.3g" % worst_cov)
    return 0


if __name__ == "__main__":
    sys.exit(main())
