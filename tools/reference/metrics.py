"""Reference values of the evaluation metrics (module metrics).

  python3 tools/reference/metrics.py

- metrics/.../stats/StatsTest: the AUROC as scipy.stats.mannwhitneyu(pos, neg).statistic / (P·N);
  Kendall's W as scipy.stats.friedmanchisquare(*items).statistic / (m(n−1)), whose tie correction is
  the one KendallW uses.
- metrics/.../fidelity/InSampleFidelityTest.givenScoresMatchNumpy: weighted R², adjusted R², weighted
  MSE and MAE of given scores on the finite-weight samples (anchors left out), with numpy.
- metrics/.../fidelity/OutOfSampleFidelityTest.handWorkedComparison: unweighted R² and MSE with numpy,
  Spearman's rho with scipy.stats.spearmanr.
- metrics/.../accuracy/AttributionAccuracyTest.handWorked: ATT-AUROC of |theta| as mannwhitneyu / (P·N).
- metrics/.../accuracy/ShapleyAgreementTest.handWorked: scipy.stats.spearmanr and kendalltau (tau-b).
- metrics/.../consistency/ConsistencyTest (spreadOfOneUnit, ofHandMadeRuns): mean, sample standard
  deviation (ddof=1), CV and the 95 % interval mean ± scipy.stats.t.ppf(0.975, R − 1)·sd/√R; Kendall's W
  of the hand-made runs as in StatsTest.
"""

import numpy as np
from scipy.stats import friedmanchisquare, kendalltau, mannwhitneyu, spearmanr, t

from javaref import Report, finish

STATS = "metrics/src/test/java/org/gsmile/metrics/stats/StatsTest.java"
IN_SAMPLE = "metrics/src/test/java/org/gsmile/metrics/fidelity/InSampleFidelityTest.java"
OUT_OF_SAMPLE = "metrics/src/test/java/org/gsmile/metrics/fidelity/OutOfSampleFidelityTest.java"
ACCURACY = "metrics/src/test/java/org/gsmile/metrics/accuracy/AttributionAccuracyTest.java"
AGREEMENT = "metrics/src/test/java/org/gsmile/metrics/accuracy/ShapleyAgreementTest.java"
CONSISTENCY = "metrics/src/test/java/org/gsmile/metrics/consistency/ConsistencyTest.java"


def kendall_w(rows):
    """W from Friedman's chi-square: ranks within each rater (block) of |score|, ties averaged."""
    rows = np.abs(np.asarray(rows, dtype=float))
    m, n = rows.shape
    chi2 = friedmanchisquare(*[rows[:, j] for j in range(n)]).statistic
    return chi2 / (m * (n - 1))


def auroc(scores, positive):
    scores, positive = np.asarray(scores, dtype=float), np.asarray(positive, dtype=bool)
    u = mannwhitneyu(scores[positive], scores[~positive]).statistic
    return u / (positive.sum() * (~positive).sum())


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


def masks(bits):
    return np.array([[int(c) for c in m] for m in bits], dtype=float)


def in_sample_given_scores():
    report = Report(IN_SAMPLE)
    theta, intercept = np.array([0.12, -0.31, 0.05]), 0.4
    # The finite-weight rows of the test; its anchors 000 and 111 are held by these scores and left out.
    z = masks(["100", "010", "001", "110", "101", "011"])
    w = np.array([0.8, 0.5, 0.3, 1.2, 0.7, 0.9])
    y = np.array([0.55, 0.02, 0.41, 0.30, 0.50, 0.20])
    r = y - (intercept + z @ theta)
    mean = (w * y).sum() / w.sum()
    r2 = 1 - (w * r * r).sum() / (w * (y - mean) ** 2).sum()
    n, p = len(y), len(theta)
    report.value("R²w", r2, "0.8399137259600983", 1e-12)
    report.value("adjusted R²w", 1 - (1 - r2) * (n - 1) / (n - p - 1), "0.5997843149002458", 1e-12)
    report.value("MSEw", (w * r * r).sum() / w.sum(), "0.004554545454545454", 1e-12)
    report.value("MAEw", (w * np.abs(r)).sum() / w.sum(), "0.06409090909090909", 1e-12)
    return report


def out_of_sample():
    report = Report(OUT_OF_SAMPLE)
    theta, intercept = np.array([0.25, -0.5, 0.75]), 0.125
    predicted = intercept + masks(["100", "011", "110", "001"]) @ theta   # the fifth mask failed: left out
    y = np.array([0.5, 0.25, 0, 0.75])
    sse = ((y - predicted) ** 2).sum()
    report.value("R²", 1 - sse / ((y - y.mean()) ** 2).sum(), "0.8", 1e-15)
    report.value("MSE", sse / len(y), "0.015625", 1e-15)
    report.value("Spearman", spearmanr(predicted, y).statistic, "0.9486832980505138", 1e-15)
    return report


def accuracy():
    report = Report(ACCURACY)
    magnitude = np.abs([-0.9, 0.4, -0.4, 0.1, 0.7])
    report.value("ATT-AUROC, a and b relevant", auroc(magnitude, [1, 1, 0, 0, 0]), "0.75", 1e-15)
    report.value("ATT-AUROC, c relevant", auroc(magnitude, [0, 0, 1, 0, 0]), "0.375", 1e-15)
    return report


def agreement():
    report = Report(AGREEMENT)
    theta, phi = [0.5, 0.1, -0.3, 0.2], [0.4, 0.2, -0.5, 0.1]
    report.value("Spearman", spearmanr(theta, phi).statistic, "0.8", 1e-15)
    report.value("Kendall tau-b", kendalltau(theta, phi).statistic, "0.6666666666666666", 1e-15)
    return report


def consistency():
    report = Report(CONSISTENCY)

    def spread(label, xs, literals):
        x = np.asarray(xs, dtype=float)
        mean, sd = x.mean(), x.std(ddof=1)
        half = t.ppf(0.975, len(x) - 1) * sd / np.sqrt(len(x))
        for name, value in [("mean", mean), ("sd", sd), ("cv", sd / abs(mean) if mean else float("nan")),
                            ("lower", mean - half), ("upper", mean + half)]:
            if name in literals:
                report.value(f"{label} {name}", value, *literals[name])

    spread("0.1 0.2 0.3", [0.1, 0.2, 0.3], {"lower": ("-0.048413771175032955", 1e-12),
                                            "upper": ("0.448413771175033", 1e-12)})
    spread("-0.1 0.1", [-0.1, 0.1], {"lower": ("-1.2706204736174695", 1e-12), "upper": ("1.2706204736174695", 1e-12)})
    spread("unit a of the hand-made runs", [0.4, 0.3, -0.4], {"sd": ("0.43588989435406733", 1e-15),
                                                              "cv": ("4.358898943540674", 1e-13),
                                                              "lower": ("-0.982810524735806", 1e-12),
                                                              "upper": ("1.1828105247358058", 1e-12)})
    report.note(f"Kendall W of the hand-made runs: {float(kendall_w([[0.4, 0.3, 0.2, 0.1], [0.3, 0.4, 0.2, 0.1], [-0.4, 0.3, 0.1, -0.2]]))!r}"
                " (the test writes 37.0 / 45)")
    return report


if __name__ == "__main__":
    finish(stats(), in_sample_given_scores(), out_of_sample(), accuracy(), agreement(), consistency())
