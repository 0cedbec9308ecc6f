"""Reference values of the stability and faithfulness metrics.

  python3 tools/reference/stability_faithfulness.py

- metrics/.../stability/SetSimilarityTest: the top-k Jaccard index and the Ruzicka similarity of the
  hand-worked cases, with numpy (a stable argsort of -|s| for the top sets, ties in prompt order).
- metrics/.../stability/StabilityTest: the additive game of "Tom fed the cat" and its variants, exact
  Shapley values by the enumeration formula over every coalition, then the two similarities and
  their means over the neutral words.
- metrics/.../faithfulness/FaithfulnessTest: deletion and insertion curves of the game's rankings
  (signed importance, |theta|, the inverted explanation), ERASER comprehensiveness and sufficiency at
  k = 2, AOPC over k = 1..n.
- metrics/.../faithfulness/ModelFaithfulnessTest: scipy.stats.pearsonr.
"""

from itertools import combinations
from math import comb

import numpy as np
from scipy.stats import pearsonr

from javaref import Report, finish

TOL = 1e-12


def top_k(s, k):
    return list(np.argsort(-np.abs(np.asarray(s, float)), kind="stable")[:min(k, len(s))])


def jaccard(a, b, source, k):
    """source[j]: the unit of x matched to unit j of x', or None; an unmatched one is its own element."""
    A = {("x", int(i)) for i in top_k(a, k)}
    B = {("x", source[j]) if source[j] is not None else ("x'", int(j)) for j in top_k(b, k)}
    return 1.0 if not (A | B) else len(A & B) / len(A | B)


def ruzicka(a, b, source):
    a, b = np.abs(np.asarray(a, float)), np.abs(np.asarray(b, float))
    lo = hi = 0.0
    matched = {i: j for j, i in enumerate(source) if i is not None}
    for i in range(len(a)):
        y = b[matched[i]] if i in matched else 0.0
        lo += min(a[i], y)
        hi += max(a[i], y)
    hi += sum(b[j] for j in range(len(b)) if source[j] is None)
    return 1.0 if hi == 0 else lo / hi


def shapley(v, n):
    """Exact Shapley values of v (a function of a frozenset of kept units) by the enumeration formula."""
    phi = np.zeros(n)
    for i in range(n):
        others = [j for j in range(n) if j != i]
        for s in range(n):
            for S in combinations(others, s):
                w = 1.0 / (n * comb(n - 1, s))
                phi[i] += w * (v(frozenset(S) | {i}) - v(frozenset(S)))
    return phi


def game(g):
    """Delta of keeping S: the sum of g over the removed units (the GameModel's logprob-shift)."""
    return lambda S: sum(g[i] for i in range(len(g)) if i not in S)


def set_similarity():
    r = Report("metrics/src/test/java/org/gsmile/metrics/stability/SetSimilarityTest.java")
    a, b, src = [4, 3, 2, 1], [3.5, 4, 3, 2, 1], [None, 0, 1, 2, 3]
    r.value("please rises: jaccard k=2", jaccard(a, b, src, 2), "0.3333333333333333", TOL)
    r.value("please rises: ruzicka", ruzicka(a, b, src), "0.7407407407407407", TOL)
    r.value("please rises: jaccard k=1", jaccard(a, b, src, 1), "1.0", 0.0)
    a, b, ident = [1, -2, 0.5], [2, -1, 0], [0, 1, 2]
    r.value("moved magnitudes: ruzicka", ruzicka(a, b, ident), "0.4444444444444444", TOL)
    r.value("moved magnitudes: jaccard k=1", jaccard(a, b, ident, 1), "0.0", 0.0)
    r.value("removed unit: ruzicka", ruzicka([1, 1, 1, 1], [1, 1, 1], [0, 1, 2]), "0.75", TOL)
    r.value("added unit, k=10: jaccard", jaccard([1, 2], [1, 2, 3], [0, 1, None], 10), "0.6666666666666666", TOL)
    return r


def stability():
    r = Report("metrics/src/test/java/org/gsmile/metrics/stability/StabilityTest.java")
    g = {"tom": 0.4, "fed": 0.3, "the": 0.2, "cat": 0.1, "please": 0.35, "could": 0.05}
    x = ["tom", "fed", "the", "cat"]
    theta = shapley(game([g[w] for w in x]), 4)
    j, z = [], []
    for word in ["please", "could"]:
        for at in [0, 2, 4]:  # start, middle (after 2 of 4 words), end: an additive game ignores the place
            xp = x[:at] + [word] + x[at:]
            tp = shapley(game([g[w] for w in xp]), 5)
            src = [None if w == word else x.index(w) for w in xp]
            j.append((at, jaccard(theta, tp, src, 2)))
            z.append((at, ruzicka(theta, tp, src)))
    for at, label in [(0, "start"), (2, "middle"), (4, "end")]:
        r.value(f"{label}: mean jaccard", np.mean([v for a, v in j if a == at]), "0.6666666666666666", TOL)
        r.value(f"{label}: mean ruzicka", np.mean([v for a, v in z if a == at]), "0.8465608465608465", TOL)
    theta1 = shapley(game([0.4]), 1)
    tp = shapley(game([0.4, 0.35]), 2)
    r.value("Tom please: ruzicka", ruzicka(theta1, tp, [0, None]), "0.5333333333333333", TOL)
    calls = 6 * (2 ** 5 + 1) + 3 * (2 ** 4 + 1)
    r.value("extra calls of the hand-worked game", calls, "249", 0)
    return r


def faithfulness():
    r = Report("metrics/src/test/java/org/gsmile/metrics/faithfulness/FaithfulnessTest.java")
    g = [0.4, -0.35, 0.2, 0.3]  # Tom fed the cat
    v = game(g)
    n = 4
    theta = shapley(v, n)
    r.array("exact Shapley values (distance convention)", theta, ["-0.4", "0.35", "-0.2", "-0.3"], TOL)

    def curves(ranking):
        deletion = [v(frozenset(range(n)) - set(ranking[:k])) for k in range(n + 1)]
        insertion = [v(frozenset(ranking[:k])) for k in range(n + 1)]
        return deletion, insertion

    def ranked(key):
        return list(np.argsort(-np.asarray(key, float), kind="stable"))

    d, i = curves(ranked(-theta))
    r.array("importance ranking: deletion", d, ["0", "0.4", "0.7", "0.9", "0.55"], TOL)
    r.array("importance ranking: insertion", i, ["0.55", "0.15", "-0.15", "-0.35", "0"], TOL)
    r.value("comprehensiveness k=2", d[2], "0.7", TOL)
    r.value("sufficiency k=2", i[2], "-0.15", TOL)
    r.value("AOPC comprehensiveness", np.mean(d[1:]), "0.6375", TOL)
    r.value("AOPC sufficiency", np.mean(i[1:]), "-0.0875", TOL)
    d, _ = curves(ranked(np.abs(theta)))
    r.value("|theta| ranking: AOPC comprehensiveness", np.mean(d[1:]), "0.3375", TOL)
    d, i = curves(ranked(-np.asarray(g)))  # the inverted explanation: theta = +g, importance -g
    r.array("inverted: deletion", d, ["0", "-0.35", "-0.15", "0.15", "0.55"], TOL)
    r.array("inverted: insertion", i, ["0.55", "0.9", "0.7", "0.4", "0"], TOL)
    r.value("inverted: AOPC comprehensiveness", np.mean(d[1:]), "0.05", TOL)
    r.value("inverted: AOPC sufficiency", np.mean(i[1:]), "0.5", TOL)
    return r


def model_faithfulness():
    r = Report("metrics/src/test/java/org/gsmile/metrics/faithfulness/ModelFaithfulnessTest.java")
    r.value("pearson", pearsonr([0.6, 0.7, 0.9], [0.5, 0.8, 0.9]).statistic, "0.8910421112136305", TOL)
    return r


if __name__ == "__main__":
    finish(set_similarity(), stability(), faithfulness(), model_faithfulness())
