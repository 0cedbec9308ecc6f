"""Reference values of core/.../surrogate/WeightedLeastSquaresTest.java (matchesNumpyNormalEquations).

  python3 tools/reference/weighted_least_squares.py

The inputs are drawn again from numpy's default_rng(7): Z = (random((12, 4)) < 0.5), Y = normal(12),
W = 0.1 + random(12), in that order; the script checks they are the test's Z, Y and W. Then
beta = numpy.linalg.solve(X^T W X, X^T W y) with X = [1 Z], and the fidelity as Fidelity.of defines
it: weighted R^2 = 1 - sum w (y - yhat)^2 / sum w (y - ybar_w)^2, adjusted R^2 =
1 - (1 - R^2)(n - 1)/(n - p - 1), weighted MSE = sum w (y - yhat)^2 / sum w.
"""

import numpy as np

from javaref import Report, finish, jarray, java

TEST = "core/src/test/java/org/gsmile/core/surrogate/WeightedLeastSquaresTest.java"

Y_LITERALS = ["0.11935402569658124", "-0.6414703941072214", "2.000416546342423", "0.7622597120847118",
              "-1.1992889021052233", "0.07451622877146342", "0.5766895836701853", "-0.1887821253507493",
              "0.682910267195206", "-0.06651732014941557", "0.6672475608343279", "1.438522591656152"]
W_LITERALS = ["0.7050562538298513", "0.7379965807883322", "0.7764502438127883", "0.2507880191683687",
              "0.5403134671881875", "0.3395639618295233", "0.5024982981039816", "0.19670409393174562",
              "1.0678280510488214", "0.31500403735588", "0.7717651626112849", "0.40042008147907027"]
BETA_LITERALS = ["-0.0005515906516185592", "-0.3708482085415226", "1.0809799818684178", "0.6218760156612354",
                 "-0.09761181598968624"]


def main():
    report = Report(TEST)
    rng = np.random.default_rng(7)
    z = (rng.random((12, 4)) < 0.5).astype(float)
    y = rng.normal(size=12)
    w = 0.1 + rng.random(12)

    for i, row in enumerate(z):
        literal = jarray(row)
        found = literal in report.source
        report.count += 1
        report.failures += 0 if found else 1
        print(f"{'ok' if found else 'NOT IN TEST':9} Z[{i}]: {literal}")
    report.array("Y", y, Y_LITERALS, 0.0)
    report.array("W", w, W_LITERALS, 0.0)

    x = np.hstack([np.ones((12, 1)), z])
    beta = np.linalg.solve(x.T @ (w[:, None] * x), x.T @ (w * y))
    report.array("BETA", beta, BETA_LITERALS, 1e-12)

    predicted = x @ beta
    sse = np.sum(w * (y - predicted) ** 2)
    mean = np.sum(w * y) / np.sum(w)
    r2 = 1 - sse / np.sum(w * (y - mean) ** 2)
    n, p = 12, 4
    report.value("r2w", r2, "0.39790539991448914", 1e-12)
    report.value("r2wAdjusted", 1 - (1 - r2) * (n - 1) / (n - p - 1), "0.05385134272276859", 1e-12)
    report.value("mseW", sse / np.sum(w), "0.45741745908991305", 1e-12)
    report.note("BETA as Java: " + jarray(beta))
    finish(report)


if __name__ == "__main__":
    main()
