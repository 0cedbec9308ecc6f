"""Reference values of core/.../distance/WassersteinTest.java.

  python3 tools/reference/wasserstein.py

- w1MatchesScipy, weightedW1MatchesScipy: scipy.stats.wasserstein_distance(u, v[, uw, vw]).
- w1WeightedScipyDocExample: the example of the scipy.stats.wasserstein_distance docstring.
- emdMatchesExactLp, emdOfTransposedProblemIsTheSame: the optimum of the transportation LP with both
  histograms normalised to mass 1, solved by scipy.optimize.linprog(method='highs'); each optimum is
  certified by a zero duality gap of HiGHS's own multipliers and, for the square cases with uniform
  masses, by scipy.optimize.linear_sum_assignment.

The case inputs are read from the test itself (they are hundreds of numbers; the generator run that
drew them, "numpy seed 20240917", was not kept), so this script always checks what the test holds.
"""

import numpy as np
from scipy.optimize import linear_sum_assignment, linprog
from scipy.stats import wasserstein_distance

from javaref import Report, calls, finish

TEST = "core/src/test/java/org/gsmile/core/distance/WassersteinTest.java"
W1_TOL = 1e-12  # relative, as in the test
EMD_TOL = 1e-9  # absolute, the test's EMD_TOL


def emd(a, b, cost):
    """Exact W1 between histograms a and b (normalised) under the ground cost, and a certificate."""
    a = np.asarray(a, float) / np.sum(a)
    b = np.asarray(b, float) / np.sum(b)
    cost = np.asarray(cost, float)
    n, m = cost.shape
    rows = np.zeros((n, n * m))
    cols = np.zeros((m, n * m))
    for i in range(n):
        rows[i, i * m:(i + 1) * m] = 1
    for j in range(m):
        cols[j, j::m] = 1
    a_eq = np.vstack([rows, cols])
    b_eq = np.concatenate([a, b])
    res = linprog(cost.ravel(), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    gap = abs(res.fun - float(res.eqlin.marginals @ b_eq))
    return res.fun, gap


def main():
    report = Report(TEST)
    source = report.source

    u, uw, v, vw = [3.4, 3.9, 7.5, 7.8], [1.4, 0.9, 3.1, 7.2], [4.5, 1.4], [3.2, 3.5]
    report.value("scipy docstring example", wasserstein_distance(u, v, uw, vw), "4.0781331438047861", W1_TOL,
                 relative=True)

    for k, (u, v, expected) in enumerate(calls(source, "W1Case")):
        report.value(f"W1Case {k}", wasserstein_distance(u, v), expected.text, W1_TOL, relative=True)
        report.value(f"W1Case {k} swapped", wasserstein_distance(v, u), expected.text, W1_TOL, relative=True)

    for k, (u, uw, v, vw, expected) in enumerate(calls(source, "W1wCase")):
        report.value(f"W1wCase {k}", wasserstein_distance(u, v, uw, vw), expected.text, W1_TOL, relative=True)

    for name, a, b, cost, expected in calls(source, "EmdCase"):
        value, gap = emd(a, b, cost)
        report.value(f"EmdCase '{name}'", value, expected.text, EMD_TOL)
        transposed, _ = emd(b, a, np.asarray(cost).T)
        report.value(f"EmdCase '{name}' transposed", transposed, expected.text, EMD_TOL)
        certificates = [f"duality gap {gap:.1e}"]
        square = len(a) == len(b) and len(set(a)) == 1 and len(set(b)) == 1
        if square:
            r, c = linear_sum_assignment(np.asarray(cost))
            assignment = float(np.asarray(cost)[r, c].sum()) / len(a)
            certificates.append(f"linear_sum_assignment {assignment!r}")
            if abs(assignment - value) > EMD_TOL:
                report.failures += 1
                certificates.append("MISMATCH with the LP")
        if gap > EMD_TOL:
            report.failures += 1
            certificates.append("GAP TOO LARGE")
        report.note(", ".join(certificates))

    finish(report)


if __name__ == "__main__":
    main()
