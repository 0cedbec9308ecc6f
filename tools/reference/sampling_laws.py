"""Reference values of the Shapley kernel and the mask samplers' laws.

  python3 tools/reference/sampling_laws.py

- core/.../reference/ShapleyKernelTest.coalitionWeightIsKernelShaps: KernelSHAP's coalition weight
  (n-1) / (comb(n, s) s (n-s)).
- perturbation/.../MaskSamplersTest: the law of the kept count s = 1..9 of a mask of n = 10 units,
  SHAPLEY_SIZES_10 proportional to (n-1) / (s (n-s)) (the Shapley kernel summed over a stratum) and
  BERNOULLI_03_SIZES_10 proportional to comb(10, s) 0.3^s 0.7^(10-s), each normalised over s = 1..9.
  The test compares sampled frequencies with these laws at 4.5 standard errors; the laws themselves
  are checked here to 1e-15.
- perturbation/.../CombinatoricsTest.binomialsMatchPython: math.comb, as a double.
"""

from math import comb

from javaref import Report, finish, jarray

SHAPLEY_SIZES_10 = ["0.19638097909945293", "0.11046430074344228", "0.08416327675690839", "0.07364286716229486",
                    "0.07069715247580306", "0.07364286716229486", "0.08416327675690839", "0.11046430074344228",
                    "0.19638097909945293"]
BERNOULLI_03_SIZES_10 = ["0.12458065169716409", "0.24026268541595933", "0.27458592618966776",
                         "0.20593944464225086", "0.10591171438744329", "0.037825612281229756",
                         "0.009263415252546061", "0.0014887631655877598", "0.00014178696815121526"]


def normalised(w):
    total = sum(w)
    return [x / total for x in w]


def kernel():
    report = Report("core/src/test/java/org/gsmile/core/reference/ShapleyKernelTest.java")
    for n, s, literal in [(6, 2, "0.041666666666666664"), (10, 5, "0.0014285714285714286")]:
        report.value(f"coalitionWeight({n}, {s})", (n - 1) / (comb(n, s) * s * (n - s)), literal, 1e-15)
    return report


def samplers():
    report = Report("perturbation/src/test/java/org/gsmile/perturbation/MaskSamplersTest.java")
    n = 10
    shapley = normalised([(n - 1) / (s * (n - s)) for s in range(1, n)])
    bernoulli = normalised([comb(n, s) * 0.3 ** s * 0.7 ** (n - s) for s in range(1, n)])
    report.array("SHAPLEY_SIZES_10", shapley, SHAPLEY_SIZES_10, 1e-15)
    report.array("BERNOULLI_03_SIZES_10", bernoulli, BERNOULLI_03_SIZES_10, 1e-15)
    report.note("SHAPLEY_SIZES_10 as Java: " + jarray(shapley))
    report.note("BERNOULLI_03_SIZES_10 as Java: " + jarray(bernoulli))
    return report


def binomials():
    report = Report("perturbation/src/test/java/org/gsmile/perturbation/CombinatoricsTest.java")
    for n, k, literal, tol in [(10, 5, "252.0", 0.0), (7, 0, "1.0", 0.0), (3, 4, "0.0", 0.0),
                               (30, 15, "155117520.0", 0.0), (100, 50, "1.0089134454556419e29", 1e15)]:
        report.value(f"choose({n}, {k})", float(comb(n, k)), literal, tol)
    return report


if __name__ == "__main__":
    finish(kernel(), samplers(), binomials())
