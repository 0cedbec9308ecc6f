"""Reference values of the report's scenario tables (module reports).

  python3 tools/reference/scenario_tables.py

- reports/.../ScenarioTablesTest: summary-by-scenario.csv and summary-by-scenario-case.csv of the
  hand-made ScenarioFixture run. The fixture's metric values are read from ScenarioFixture.java (its
  METRICS rows: model/case/replicate -> values in PATHS order, NaN for a value that is not finite), each
  cell is put under each of its dimension values (its case's scenario, copied here from the fixture's
  CASES), and each group's mean, sample standard deviation (ddof=1) and 95 % interval
  mean ± scipy.stats.t.ppf(0.975, n − 1)·sd/√n are computed over its finite values; n counts those,
  missing the others. A group of one value has no sd and no interval.
"""

import math
import re

import numpy as np
from scipy.stats import t

from javaref import Report, finish, read_test

FIXTURE = "reports/src/test/java/org/gsmile/reports/ScenarioFixture.java"
TEST = "reports/src/test/java/org/gsmile/reports/ScenarioTablesTest.java"

PATHS = ["accuracy.attAuroc", "accuracy.precisionAtK", "fidelity.inSample.r2w", "fidelity.outOfSample.r2",
         "stability.seedTopKJaccard", "stability.seedRuzicka", "faithfulness.explanation.aopcComprehensiveness"]
# The fixture's CASES: case -> (weather, time, edit); the plain prompt has no scenario.
SCENARIOS = {"c1": ("clear", "day", "remove"), "c2": ("clear", "night", "brighten"),
             "c3": ("rainy", "day", "brighten"), "c4": ("rainy", "night", "remove")}
DIMENSIONS = ["weather", "time", "edit"]


def fixture_rows():
    source = read_test(FIXTURE)
    rows = {}
    for key, body in re.findall(r'Map\.entry\("([^"]+)", new double\[\] \{([^}]*)\}\)', source):
        rows[key] = [float("nan") if v.strip() == "Double.NaN" else float(v) for v in body.split(",")]
    assert len(rows) == 10, f"{len(rows)} rows of METRICS found in {FIXTURE}"
    return rows


def stats(values):
    x = np.array([v for v in values if math.isfinite(v)])
    n, missing = len(x), len(values) - len(x)
    if n == 0:
        return n, missing, math.nan, math.nan, math.nan, math.nan
    mean = x.mean()
    if n == 1:
        return n, missing, mean, math.nan, math.nan, math.nan
    sd = x.std(ddof=1)
    half = t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    return n, missing, mean, sd, mean - half, mean + half


def by_value(rows, model, dimension, value, metric):
    d = DIMENSIONS.index(dimension)
    return stats([v[PATHS.index(metric)] for k, v in rows.items()
                  if k.split("/")[0] == model and k.split("/")[1] in SCENARIOS
                  and SCENARIOS[k.split("/")[1]][d] == value])


def by_case(rows, model, case, metric):
    return stats([v[PATHS.index(metric)] for k, v in rows.items() if k.split("/")[:2] == [model, case]])


def check(report, label, computed, expected):
    """expected: (n, missing, mean, sd, lower, upper) literals as the test spells them, None for NaN."""
    n, missing = computed[0], computed[1]
    report.value(f"{label} n", n, expected[0], 0)
    report.value(f"{label} missing", missing, expected[1], 0)
    for name, c, e in zip(["mean", "sd", "lower", "upper"], computed[2:], expected[2:]):
        if e is None:
            if not math.isnan(c):
                report.failures += 1
                print(f"MISMATCH  {label} {name}: {c} where the test expects no value")
            else:
                print(f"ok        {label} {name}: none (n = {n})")
        else:
            report.value(f"{label} {name}", c, e, 1e-12)


def main():
    rows = fixture_rows()
    report = Report(TEST)
    check(report, "editor-a weather=clear attAuroc", by_value(rows, "editor-a", "weather", "clear", "accuracy.attAuroc"),
          ("3", "0", "0.8958333333333334", "0.13010412496663332", "0.5726367700494419", "1.2190298966172248"))
    check(report, "editor-a edit=remove r2w", by_value(rows, "editor-a", "edit", "remove", "fidelity.inSample.r2w"),
          ("3", "0", "0.85", "0.04999999999999999", "0.7257931144124835", "0.9742068855875164"))
    check(report, "editor-b time=day seedRuzicka", by_value(rows, "editor-b", "time", "day", "stability.seedRuzicka"),
          ("2", "0", "0.4", "0.14142135623730953", "-0.8706204736174695", "1.6706204736174697"))
    check(report, "editor-a time=night aopc", by_value(rows, "editor-a", "time", "night",
                                                      "faithfulness.explanation.aopcComprehensiveness"),
          ("2", "0", "0.175", "0.10606601717798213", "-0.7779653552131021", "1.1279653552131021"))
    check(report, "editor-b weather=rainy attAuroc", by_value(rows, "editor-b", "weather", "rainy", "accuracy.attAuroc"),
          ("1", "0", "0.25", None, None, None))
    check(report, "editor-a weather=rainy outOfSample.r2", by_value(rows, "editor-a", "weather", "rainy",
                                                                    "fidelity.outOfSample.r2"),
          ("1", "1", "0.6", None, None, None))
    check(report, "case c1 editor-a attAuroc", by_case(rows, "editor-a", "c1", "accuracy.attAuroc"),
          ("2", "0", "0.96875", "0.04419417382415922", "0.5716811019945408", "1.3658188980054593"))
    return report


if __name__ == "__main__":
    finish(main())
