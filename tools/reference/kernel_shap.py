"""Reference values of core/.../reference/ShapleyValuesTest.java and ConstrainedLeastSquaresTest.java.

  python3 tools/reference/kernel_shap.py

One numpy default_rng(3) run draws, in this order (it replaces the lost /tmp/ref/ref.py the tests cited):
- GAME: round(normal(16), 3), then v(empty) = 0.8 and v(N) = 0 set by hand; v is indexed by the bit
  set of the coalition.
- ConstrainedLeastSquaresTest's Y = round(normal(12), 4) and W = round(uniform(0.2, 2.0, 12), 4).
  Its MASKS are hard-coded here as in the test: how they were drawn was not recorded.

Values:
- PHI: Shapley values of GAME by the permutation-weighted formula
  phi_i = sum over S without i of |S|! (n-|S|-1)! / n! (v(S + i) - v(S)); cross-checked by KernelSHAP's
  regression (every proper coalition, Shapley kernel weights, efficiency constraint), which is the
  test fullEnumerationUnderTheShapleyKernelGivesExactShapleyValues.
- leaveOneOut: v(N) - v(N - i).
- BETA, r2w, mseW: the KKT system [[2 X^T W X, C^T], [C, 0]] [beta; lambda] = [2 X^T W y; d] with
  X = [1 Z] on the finite-weight rows, C the rows of the empty and the full coalition, d = (0.9, 0.05);
  the fidelity on the finite-weight rows only, as ConstrainedLeastSquares measures it.
"""

from math import comb, factorial

import numpy as np

from javaref import Report, finish, jarray

PACKAGE = "core/src/test/java/org/gsmile/core/reference/"

GAME_LITERALS = ["0.8", "-2.556", "0.418", "-0.568", "-0.453", "-0.216", "-2.02", "-0.232", "-0.865", "3.323",
                 "0.226", "-0.353", "-0.281", "-0.668", "-1.055", "0.0"]
PHI_LITERALS = ["-0.22016666666666668", "-0.17466666666666672", "-0.5958333333333334", "0.1906666666666666"]

MASKS = [3, 20, 15, 1, 26, 12, 17, 29, 6, 11, 16, 30]
CLS_Y_LITERALS = ["0.4819", "-0.2386", "0.9578", "-0.1998", "0.0243", "1.5458", "0.5451", "-0.5052", "-0.1828",
                  "0.5405", "1.9351", "-0.2696"]
CLS_W_LITERALS = ["0.2546", "1.4725", "0.8736", "0.3635", "1.3889", "1.8766", "0.5729", "1.3342", "0.7367",
                  "1.5352", "1.4999", "0.5937"]
BETA_LITERALS = ["0.9000000000000001", "-0.25347931668562473", "-0.38702021874149345", "-0.3202944002967758",
                 "0.41343903558925266", "-0.30264509986535854"]


def bits(s, n):
    return np.array([(s >> j) & 1 for j in range(n)], float)


def shapley(n, v):
    phi = np.zeros(n)
    for i in range(n):
        for s in range(1 << n):
            if not (s >> i) & 1:
                size = bin(s).count("1")
                phi[i] += factorial(size) * factorial(n - size - 1) / factorial(n) * (v[s | (1 << i)] - v[s])
    return phi


def constrained_wls(z, y, w, cz, d):
    """argmin sum w (y - X beta)^2 subject to C beta = d, by the KKT system; X = [1 z], C = [1 cz]."""
    x = np.hstack([np.ones((len(z), 1)), z])
    c = np.hstack([np.ones((len(cz), 1)), cz])
    q, r = x.shape[1], len(c)
    kkt = np.block([[2 * x.T @ (w[:, None] * x), c.T], [c, np.zeros((r, r))]])
    rhs = np.concatenate([2 * x.T @ (w * y), d])
    return np.linalg.solve(kkt, rhs)[:q]


def shapley_values(rng):
    report = Report(PACKAGE + "ShapleyValuesTest.java")
    game = np.round(rng.normal(size=16), 3)
    game[0], game[15] = 0.8, 0.0
    report.array("GAME", game, GAME_LITERALS, 0.0)
    phi = shapley(4, game)
    report.array("PHI", phi, PHI_LITERALS, 1e-12)
    report.note("PHI as Java: " + jarray(phi))

    proper = list(range(1, 15))
    kernel = np.array([3 / (comb(4, bin(s).count("1")) * bin(s).count("1") * (4 - bin(s).count("1")))
                       for s in proper])
    z = np.array([bits(s, 4) for s in proper])
    regression = constrained_wls(z, game[proper], kernel, np.array([bits(0, 4), bits(15, 4)]),
                                 np.array([game[0], game[15]]))
    report.array("KernelSHAP regression coefficients", regression[1:], PHI_LITERALS, 1e-12)
    report.value("KernelSHAP regression intercept", regression[0], "0.8", 1e-12)
    report.array("leaveOneOut", [game[15] - game[15 & ~(1 << i)] for i in range(4)],
                 ["1.055", "0.668", "0.353", "0.232"], 1e-12)
    return report, game


def constrained_least_squares(rng):
    report = Report(PACKAGE + "ConstrainedLeastSquaresTest.java")
    y = np.round(rng.normal(size=12), 4)
    w = np.round(rng.uniform(0.2, 2.0, size=12), 4)
    report.array("Y", y, CLS_Y_LITERALS, 0.0)
    report.array("W", w, CLS_W_LITERALS, 0.0)
    z = np.array([bits(m, 5) for m in MASKS])
    beta = constrained_wls(z, y, w, np.array([bits(0, 5), bits(31, 5)]), np.array([0.9, 0.05]))
    report.array("BETA", beta, BETA_LITERALS, 1e-12)
    report.note("BETA as Java: " + jarray(beta))
    predicted = np.hstack([np.ones((12, 1)), z]) @ beta
    sse = np.sum(w * (y - predicted) ** 2)
    mean = np.sum(w * y) / np.sum(w)
    report.value("r2w (finite rows)", 1 - sse / np.sum(w * (y - mean) ** 2), "0.275500020916131", 1e-12)
    report.value("mseW (finite rows)", sse / np.sum(w), "0.5018539965930537", 1e-12)
    return report


if __name__ == "__main__":
    generator = np.random.default_rng(3)
    shapley_report, _ = shapley_values(generator)
    finish(shapley_report, constrained_least_squares(generator))
