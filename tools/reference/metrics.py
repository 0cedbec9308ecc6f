"""Reference values of the evaluation metrics (module metrics).

  python3 tools/reference/metrics.py

- metrics/.../stats/StatsTest: the AUROC as scipy.stats.mannwhitneyu(pos, neg).statistic / (P·N);
  Kendall's W as scipy.stats.friedmanchisquare(*items).statistic / (m(n−1)), whose tie correction is
  the one KendallW uses.
"""

import numpy as np
from scipy.stats import friedmanchisquare, mannwhitneyu

from javaref import Report, finish

STATS = "metrics/src/test/java/org/gsmile/metrics/stats/StatsTest.java"


def kendall_w(rows):
    """W from Friedman's chi-square: ranks within each rater (block) of |score|, ties averaged."""
    rows = np.abs(np.asarray(rows, dtype=float))
    m, n = rows.shape
    chi2 = friedmanchisquare(*[rows[:, j] for j in range(n)]).statistic
    return chi2 / (m * (n - 1))


def stats():
    report = Report(STATS)
    s = np.array([0.9, 0.4, 0.4, 0.1, 0.7])
    pos = np.array([True, True, False, False, False])
    u = mannwhitneyu(s[pos], s[~pos]).statistic
    report.value("AUROC of the hand case", u / (pos.sum() * (~pos).sum()), "0.75", 1e-15)
    report.value("Kendall W without ties", kendall_w([[4, 3, 2, 1], [3, 4, 2, 1], [-4, 3, 1, -2]]),
                 "0.8222222222222222", 1e-12)
    report.value("Kendall W with ties", kendall_w([[0.5, -0.5, 0.2, 0.1], [1, 2, 3, 4], [0.5, -0.5, 0.2, 0.1]]),
                 "0.11904761904761904", 1e-12)
    return report


if __name__ == "__main__":
    finish(stats())
