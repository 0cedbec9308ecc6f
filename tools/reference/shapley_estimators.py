"""Reference values of the issue-12 Shapley estimators, computed independently of the Java code.

  python3 tools/reference/shapley_estimators.py

- core/.../reference/InverseProbabilityWeightingTest: the inclusion probabilities q(s) = min(1, c p(s)) of
  Leverage SHAP (p(S) proportional to 1/C(n,|S|)) and of the modified-l2 law (p(S) proportional to
  1/(C(n,|S|) sqrt(|S|(n-|S|)))), with c such that sum_S q(S) = m. Solved here exactly by water-filling
  over the sorted breakpoints (the Java code bisects).
- core/.../reference/SizeProfileFitTest: the size-profile estimate on a small game (v given by a closed
  formula both sides compute) observed on a fixed design: the penalised least-squares problem written
  out densely, unknowns D[i,k] of every size not observed whole and one intercept per partly observed
  size, solved by numpy.linalg.lstsq (the Java code eliminates block by block); then
  phi_i = (v(N) - v(empty))/n + sum_k D[i,k]/n.
"""

import math
from math import comb

import numpy as np

from javaref import Report, finish


def inclusion(n, m, log_p):
    """q(s) for s = 1..n-1 by exact water-filling: sum_s C(n,s) min(1, c p_s) = m."""
    sizes = list(range(1, n))
    p = np.array([math.exp(log_p(n, s)) for s in sizes])
    counts = np.array([comb(n, s) for s in sizes], dtype=float)
    if m >= counts.sum():
        return [1.0] * len(sizes)
    # Breakpoints c = 1/p_s where size s saturates; between them the expected count is linear in c.
    for c_break in sorted(set(1 / p)):
        expected = np.sum(counts * np.minimum(1, c_break * p))
        if expected >= m:
            break
    saturated = (1 / p) < c_break
    # sum over saturated sizes of their counts + c * sum over the others of counts * p = m
    free = ~saturated
    c = (m - counts[saturated].sum()) / np.sum(counts[free] * p[free])
    return list(np.minimum(1, c * p))


def leverage(n, s):
    return -math.log(comb(n, s))


def modified_l2(n, s):
    return -math.log(comb(n, s)) - 0.5 * math.log(s * (n - s))


def weights_cases():
    report = Report("core/src/test/java/org/gsmile/core/reference/InverseProbabilityWeightingTest.java")
    for name, law in [("LEVERAGE", leverage), ("MODIFIED_L2", modified_l2)]:
        for n, m in [(10, 40), (10, 200), (7, 30)]:
            q = inclusion(n, m, law)
            for s, literal in zip(range(1, n), LITERALS[(name, n, m)]):
                report.value(f"{name} q({n}, {m})[{s}]", q[s - 1], literal, 1e-12)
    return report


# The game and the design of SizeProfileFitTest.
N = 6


def game(bits, n=N):
    k = bin(bits).count("1")
    return math.sin(1.3 * bits + 0.7) * (1 + k) / n + 0.05 * k * k


# Sizes 1 and 5 whole; three masks of size 3 and two of size 2; the anchors.
PARTIAL = [0b000111, 0b101010, 0b110100, 0b010001, 0b100100]
LAMBDA = 3.0


def design(n=N, partial=PARTIAL):
    rows = [b for b in range(1, 1 << n) if bin(b).count("1") in (1, n - 1)]
    return rows + partial


# A longer chain of free sizes, most of them without samples (as in the default design): ten units,
# sizes 1 and 9 whole, six masks of size 3 and five of size 5.
N_LONG = 10
PARTIAL_LONG = [0b0000000111, 0b0000111000, 0b0111000000, 0b1000000011, 0b0100100100, 0b0010010010,
                0b0000011111, 0b1111100000, 0b1010101010, 0b0101010101, 0b1100110010]


# No size whole (as in a bootstrap resample, where every size is drawn with replacement): eight units,
# ten masks at each of sizes 3, 4 and 6 (one repeated), enough to see every unit; sizes 1, 2, 5 and 7
# have none, so the chain starts and ends with sizes without samples and two sampled sizes are neighbours.
N_FREE = 8
PARTIAL_FREE = [0b10001100, 0b01010001, 0b01011000, 0b00010110, 0b10101000, 0b10100100, 0b10110000,
                0b01010100, 0b01100010, 0b00001011, 0b10101100, 0b01110001, 0b00101011, 0b01010101,
                0b11000011, 0b10011010, 0b11001100, 0b00111100, 0b00011101, 0b11000101, 0b11001111,
                0b11101110, 0b11110110, 0b10011111, 0b10101111, 0b11110101, 0b10111110, 0b11110011,
                0b11011110, 0b01111110, 0b00010110]
# Sizes 1 and 5 of six whole and nothing else: a chain of free sizes without a single sample.
PARTIAL_NONE = []


def profile_estimate(rows, lam, n=N):
    z = {b: np.array([(b >> i) & 1 for i in range(n)], dtype=float) for b in rows}
    y = {b: game(b, n) for b in rows}
    by_size = {}
    for b in rows:
        by_size.setdefault(bin(b).count("1"), []).append(b)
    exact = {}
    for k, bs in by_size.items():
        if len(set(bs)) == comb(n, k):
            exact[k] = np.array([np.mean([y[b] for b in bs if (b >> i) & 1])
                                 - np.mean([y[b] for b in bs if not (b >> i) & 1]) for i in range(n)])
    free = [k for k in range(1, n) if k not in exact]
    partial = [k for k in free if k in by_size]
    col = {}
    for k in free:
        for i in range(n):
            col[(i, k)] = len(col)
    for k in partial:
        col[("c", k)] = len(col)
    scale = (n - 1) / n
    a_rows, b_rows = [], []
    for k in partial:
        for b in by_size[k]:
            r = np.zeros(len(col))
            r[col[("c", k)]] = 1
            for i in range(n):
                r[col[(i, k)]] += scale * z[b][i]
            a_rows.append(r)
            b_rows.append(y[b])
    root = math.sqrt(lam)
    for i in range(n):
        for k in range(1, n - 1):
            r = np.zeros(len(col))
            const = 0.0
            for kk, sign in ((k + 1, 1), (k, -1)):
                if kk in exact:
                    const += sign * exact[kk][i]
                else:
                    r[col[(i, kk)]] += sign
            if r.any():
                a_rows.append(root * r)
                b_rows.append(-root * const)
    # The one direction neither data nor penalty sees (a common shift of D at a size) is fixed by the
    # zero-sum condition the exact solution meets; lstsq's minimum norm gives it, and the sum is then removed.
    sol = np.linalg.lstsq(np.array(a_rows), np.array(b_rows), rcond=None)[0]
    d = {}
    for k in range(1, n):
        if k in exact:
            d[k] = exact[k]
        else:
            v = np.array([sol[col[(i, k)]] for i in range(n)])
            d[k] = v - v.mean()
    full, empty = game((1 << n) - 1, n), game(0, n)
    return [(full - empty) / n + sum(d[k][i] for k in range(1, n)) / n for i in range(n)]


def profile_cases():
    report = Report("core/src/test/java/org/gsmile/core/reference/SizeProfileFitTest.java")
    phi = profile_estimate(design(), LAMBDA)
    for i, literal in enumerate(PHI):
        report.value(f"phi[{i}]", phi[i], literal, 1e-10)
    phi = profile_estimate(design(N_LONG, PARTIAL_LONG), LAMBDA, N_LONG)
    for i, literal in enumerate(PHI_LONG):
        report.value(f"phiLong[{i}]", phi[i], literal, 1e-10)
    phi = profile_estimate(PARTIAL_FREE, LAMBDA, N_FREE)
    for i, literal in enumerate(PHI_FREE):
        report.value(f"phiFree[{i}]", phi[i], literal, 1e-10)
    phi = profile_estimate(design(N, PARTIAL_NONE), LAMBDA)
    for i, literal in enumerate(PHI_NONE):
        report.value(f"phiNone[{i}]", phi[i], literal, 1e-10)
    return report


LITERALS = {
    ('LEVERAGE', 10, 40): ['0.44444444444444436', '0.09876543209876545', '0.03703703703703705', '0.02116402116402117', '0.01763668430335097', '0.02116402116402117', '0.03703703703703705', '0.09876543209876545', '0.44444444444444436'],
    ('LEVERAGE', 10, 200): ['1.0', '0.5714285714285715', '0.2142857142857143', '0.12244897959183676', '0.1020408163265306', '0.12244897959183676', '0.2142857142857143', '0.5714285714285715', '1.0'],
    ('LEVERAGE', 7, 30): ['0.7142857142857144', '0.23809523809523808', '0.14285714285714288', '0.14285714285714288', '0.23809523809523808', '0.7142857142857144'],
    ('MODIFIED_L2', 10, 40): ['0.6029497314292602', '0.10049162190487675', '0.03289360457771288', '0.017582371220831502', '0.014355945986410963', '0.017582371220831502', '0.03289360457771288', '0.10049162190487675', '0.6029497314292602'],
    ('MODIFIED_L2', 10, 200): ['1.0', '0.6473815706496857', '0.21190536078725633', '0.11326817978380495', '0.09248308152138368', '0.11326817978380495', '0.21190536078725633', '0.6473815706496857', '1.0'],
    ('MODIFIED_L2', 7, 30): ['0.8634622087854835', '0.22294498364704324', '0.12211199662610596', '0.12211199662610596', '0.22294498364704324', '0.8634622087854835'],
}
PHI_LONG = ['0.543959912186647', '0.16199253471182928', '0.48504792310309025', '0.12146319301762393', '0.3258037295992818', '0.04012053023176321', '0.4323389827743797', '0.04067697814330712', '0.7884546722302324', '0.905804136896533']
PHI_FREE = ['0.12584041463628398', '0.44367484158684334', '0.06835484465270228', '0.6334124622382695', '0.1327049438166909', '0.3619932908188713', '0.4324670043579734', '0.10711679754886072']
PHI_NONE = ['0.6877899763033912', '0.8207794915663316', '-0.16646505648246662', '0.15606696521043356', '0.8578583706421252', '0.263805744574119']
PHI = ['0.6579971221555334', '0.8098092106140271', '-0.11481583112787824', '0.13965363913091844', '0.8335927523193578', '0.2935985987219756']

if __name__ == "__main__":
    import sys
    if "--print" in sys.argv:
        for name, law in [("LEVERAGE", leverage), ("MODIFIED_L2", modified_l2)]:
            for n, m in [(10, 40), (10, 200), (7, 30)]:
                print(name, n, m, [repr(x) for x in inclusion(n, m, law)])
        print("PHI", [repr(x) for x in profile_estimate(design(), LAMBDA)])
        print("PHI_LONG", [repr(x) for x in profile_estimate(design(N_LONG, PARTIAL_LONG), LAMBDA, N_LONG)])
        print("PHI_FREE", [repr(x) for x in profile_estimate(PARTIAL_FREE, LAMBDA, N_FREE)])
        print("PHI_NONE", [repr(x) for x in profile_estimate(design(N, PARTIAL_NONE), LAMBDA)])
        sys.exit(0)
    finish(weights_cases(), profile_cases())
