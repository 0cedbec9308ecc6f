"""Reference values of the embedding distances' tests in core/.../distance/.

  python3 tools/reference/embedding_distances.py

- WordMoversDistanceTest.matchesTheTransportLinearProgram: exact W1 (scipy.optimize.linprog, HiGHS)
  between the normalised bags of words, the ground cost the Euclidean distance between the
  L2-normalised word vectors of the test's WORDS.
- SentenceEmbeddingDistanceTest.isOneMinusTheCosine: 1 - x.y / (|x| |y|).
- TopLogprobsWassersteinDistanceTest.matchesPerPositionLinearPrograms: per position, exact W1 between
  the renormalised exp(logprob) distributions over token strings (ground cost 0 between identical
  strings, else the Euclidean distance between the unit embeddings of the stripped token texts),
  a position past the end of the perturbed output costing sum p(token) |e(token)| = 1; averaged
  over the original's positions.

The reference values were computed with the embeddings in double precision; the tests hold them as
float literals (1.8f), so Java normalises slightly different vectors and agrees to about 1e-8, well
inside the tests' 1e-6. Both are printed: the double-precision value against the test's literal, and
the float32 value Java actually computes.
"""

import unicodedata

import numpy as np
from scipy.optimize import linprog

from javaref import Report, finish

PACKAGE = "core/src/test/java/org/gsmile/core/distance/"


FLOAT32 = False  # True: the vectors as Java's float[] holds them


def unit(v):
    v = np.asarray(np.asarray(v, dtype=np.float32 if FLOAT32 else np.float64), dtype=np.float64)
    return v / np.sqrt(v @ v)


def as_float32(f, *args):
    """f(*args) with the embeddings rounded to float32 first, as the Java test holds them."""
    global FLOAT32
    FLOAT32 = True
    try:
        return f(*args)
    finally:
        FLOAT32 = False


def emd(a, b, cost):
    a = np.asarray(a, float) / np.sum(a)
    b = np.asarray(b, float) / np.sum(b)
    cost = np.asarray(cost, float)
    n, m = cost.shape
    a_eq = np.zeros((n + m, n * m))
    for i in range(n):
        a_eq[i, i * m:(i + 1) * m] = 1
    for j in range(m):
        a_eq[n + j, j::m] = 1
    res = linprog(cost.ravel(), A_eq=a_eq, b_eq=np.concatenate([a, b]), bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    return res.fun


# ---------------------------------------------------------------- Word Mover's Distance

WORDS = {
    "the": [1, 0, 0],
    "cat": [0, 2, 1],
    "kitten": [0, 1.8, 1.2],
    "sat": [1, 1, 0],
    "dog": [0.5, 1.5, -1],
    "ran": [2, 0.5, 0.5],
    "a": [0.3, -0.2, 0.9],
}


def words(text):
    """WordMoversDistance.words: whitespace pieces, letters, digits and marks kept, lower-cased."""
    out = []
    for piece in text.split():
        kept = "".join(c for c in piece if unicodedata.category(c)[0] == "L"
                       or unicodedata.category(c) in ("Nd", "Mn", "Mc", "Me"))
        if kept:
            out.append(kept.lower())
    return out


def bag(text):
    counts = {}
    for w in words(text):
        counts[w] = counts.get(w, 0) + 1
    return counts


def wmd(x, y):
    a, b = bag(x), bag(y)
    cost = [[np.linalg.norm(unit(WORDS[p]) - unit(WORDS[q])) for q in b] for p in a]
    return emd(list(a.values()), list(b.values()), cost)


def word_movers():
    report = Report(PACKAGE + "WordMoversDistanceTest.java")
    for x, y, literal in [("The cat sat, the cat.", "the KITTEN ran!", "0.25740331666074812"),
                          ("The cat sat, the cat.", "dog ran the dog", "0.58700226073851003"),
                          ("a cat", "kitten", "0.63516547725162797")]:
        report.value(f"wmd({x!r}, {y!r})", wmd(x, y), literal, 1e-6)
        report.note(f"with float32 embeddings: {as_float32(wmd, x, y)!r}")
    return report


# ---------------------------------------------------------------- sentence embeddings


def sentence():
    report = Report(PACKAGE + "SentenceEmbeddingDistanceTest.java")
    lily, tom = unit([1, 2, 3]), unit([-1, 0.5, 2])
    report.value("1 - cos(Lily, Tom)", 1 - lily @ tom, "0.3001457877762348", 1e-7)  # 0.5 is exact in float32
    report.value("1 - cos(Lily, opposite)", 1 - lily @ unit([-1, -2, -3]), "2.0", 1e-7)
    return report


# ---------------------------------------------------------------- top-logprobs Wasserstein

TOKENS = {
    "Once": [1, 0, 0],
    "The": [0.9, 0.3, 0],
    "One": [0.7, 0, 0.7],
    "upon": [0, 1, 0],
    "day": [0, 0.6, 0.8],
    "a": [0.2, 0.2, 0.9],
}

# (chosen token, [(candidate, logprob), ...]) per position, as the test's ORIGINAL and PERTURBED.
ORIGINAL = [("Once", [("Once", -0.1), ("The", -2.5), ("One", -3.0)]),
            (" upon", [(" upon", -0.05), (" day", -3.2)]),
            (" a", [(" a", -0.2)])]
PERTURBED = [("The", [("The", -0.3), ("Once", -1.5)]),
             (" day", [(" day", -0.4), (" upon", -1.2), (" a", -2.0)])]


def distribution(step):
    """exp(logprob) over the top tokens (the chosen one among them here), renormalised."""
    _, top = step
    tokens = [t for t, _ in top]
    p = np.exp([lp for _, lp in top])
    return tokens, p / p.sum()


def position_distance(p, q):
    (sp, a), (sq, b) = p, q
    cost = [[0.0 if s == t else np.linalg.norm(unit(TOKENS[s.strip()]) - unit(TOKENS[t.strip()])) for t in sq]
            for s in sp]
    return emd(a, b, cost)


def top_logprobs():
    report = Report(PACKAGE + "TopLogprobsWassersteinDistanceTest.java")
    first = position_distance(distribution(ORIGINAL[0]), distribution(PERTURBED[0]))
    report.value("position 0", first, "0.2444233337784622", 1e-6)
    report.note("with float32 embeddings: "
                + repr(as_float32(position_distance, distribution(ORIGINAL[0]), distribution(PERTURBED[0]))))
    report.value("distance(ORIGINAL, PERTURBED)", distance(), "0.6342807423467679", 1e-6)
    report.note(f"with float32 embeddings: {as_float32(distance)!r}")
    return report


def distance():
    total = 0.0
    for t, step in enumerate(ORIGINAL):
        if t < len(PERTURBED):
            total += position_distance(distribution(step), distribution(PERTURBED[t]))
        else:
            _, p = distribution(step)
            total += float(p.sum())  # every unit embedding is at distance 1 from the origin ("ended")
    return total / len(ORIGINAL)


if __name__ == "__main__":
    finish(word_movers(), sentence(), top_logprobs())
