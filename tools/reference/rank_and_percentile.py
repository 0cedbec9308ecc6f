"""Reference values of the bootstrap percentile and the rank agreement.

  python3 tools/reference/rank_and_percentile.py

- core/.../adaptive/BootstrapTest.percentileIsNumpysLinearOne: numpy.percentile(x, [2.5, 97.5, 50])
  with numpy's default (linear) interpolation.
- benchmarks/.../RankAgreementTest.spearmanMatchesScipyWithAndWithoutTies: scipy.stats.spearmanr,
  ties sharing their average rank; RankAgreementTest.percentileIsNumpysLinearOne: numpy.percentile.
"""

import numpy as np
from scipy.stats import spearmanr

from javaref import Report, finish


def percentile():
    report = Report("core/src/test/java/org/gsmile/core/adaptive/BootstrapTest.java")
    x = [0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4, 0.9, 3.3, -2.0, 0.5]
    for q, literal in [(2.5, "-1.8"), (97.5, "3.0999999999999996"), (50, "0.5")]:
        report.value(f"percentile(x, {q})", np.percentile(x, q), literal, 1e-12)
    return report


def spearman():
    report = Report("benchmarks/src/test/java/org/gsmile/benchmarks/RankAgreementTest.java")
    cases = [([0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4], [0.1, -0.9, 2.0, 0.7, 0.7, 0.2, -0.4], "0.792824967172092"),
             ([1, 2, 2, 3, 5, 5, 5, 8], [8, 7, 7, 1, 2, 3, 3, 0], "-0.8324426649129643")]
    for k, (a, b, literal) in enumerate(cases):
        report.value(f"spearman case {k}", spearmanr(a, b).statistic, literal, 1e-12)
    x = [0.3, -1.2, 2.5, 0.7, 0.0, 1.1, -0.4]
    for q, literal in [(10, "-0.72"), (50, "0.3")]:
        report.value(f"benchmark percentile(x, {q})", np.percentile(x, q), literal, 1e-12)
    report.value("benchmark percentile(y, 10)", np.percentile([0.9, 0.1, 0.5, 0.7], 10), "0.22000000000000003", 1e-12)
    return report


if __name__ == "__main__":
    finish(percentile(), spearman())
