"""Shared by the reference scripts: Java literals, reading test sources, and the comparison report.

Each script recomputes the numbers a test hard-codes and prints, for every value, the recomputed
number as a Java literal next to the literal found in the test, with the test's tolerance:

    ok        weighted W1 case 2: 3.066666666666667   (test 3.066666666666667, |diff| 0.0e+00 <= 3.1e-12)

It exits with status 1 when a value is off by more than the tolerance or when the literal it
expects is no longer in the test source (the test changed: rerun and update the script).
"""

import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def java(x):
    """A double as a Java literal: the shortest repr that reads back to the same double."""
    x = float(x)
    if math.isnan(x):
        return "Double.NaN"
    if math.isinf(x):
        return "Double.POSITIVE_INFINITY" if x > 0 else "Double.NEGATIVE_INFINITY"
    return repr(x).replace("e+", "e")


def jarray(xs):
    return "{" + ", ".join(java(x) for x in xs) + "}"


def read_test(relative):
    return (ROOT / relative).read_text(encoding="utf-8")


class Report:
    """Collects comparisons against one test class and prints them."""

    def __init__(self, test):
        self.test = test
        self.source = read_test(test)
        self.failures = 0
        self.count = 0
        print(f"== {test}")

    def value(self, label, computed, literal, tol, relative=False):
        """Compares one recomputed double with the literal the test hard-codes."""
        self.count += 1
        expected = float(literal)
        bound = tol * abs(expected) if relative else tol
        diff = abs(float(computed) - expected)
        problems = []
        if not diff <= bound:
            problems.append("MISMATCH")
        if literal not in self.source:
            problems.append("NOT IN TEST")
        status = " ".join(problems) if problems else "ok"
        if problems:
            self.failures += 1
        print(f"{status:9} {label}: {java(computed)}   (test {literal}, |diff| {diff:.1e} <= {bound:.1e})")

    def array(self, label, computed, literals, tol, relative=False):
        for i, (c, lit) in enumerate(zip(computed, literals)):
            self.value(f"{label}[{i}]", c, lit, tol, relative)
        if len(computed) != len(literals):
            self.failures += 1
            print(f"MISMATCH  {label}: {len(computed)} values computed, {len(literals)} in the test")

    def note(self, text):
        print(f"          {text}")

    def done(self):
        print(f"   {self.count - self.failures} of {self.count} values agree with {self.test}")
        return self.failures


def finish(*reports):
    failures = sum(r.done() if isinstance(r, Report) else r for r in reports)
    if failures:
        print(f"{failures} value(s) disagree", file=sys.stderr)
        sys.exit(1)


# ---------------------------------------------------------------- reading test data from Java source


def calls(source, constructor):
    """The argument lists of every `new constructor(...)` in source, in order, as Python values."""
    out = []
    start = 0
    token = "new " + constructor + "("
    while True:
        i = source.find(token, start)
        if i < 0:
            return out
        j = i + len(token)
        depth, k, in_string = 1, j, False
        while depth:
            ch = source[k]
            if in_string:
                if ch == "\\":
                    k += 1
                elif ch == '"':
                    in_string = False
            elif ch == '"':
                in_string = True
            elif ch in "({":
                depth += 1
            elif ch in ")}":
                depth -= 1
            k += 1
        out.append([_value(a) for a in _split(source[j:k - 1])])
        start = k


def _split(text):
    parts, depth, current, in_string = [], 0, [], False
    for ch in text:
        if in_string:
            current.append(ch)
            if ch == '"':
                in_string = False
            continue
        if ch == '"':
            in_string = True
        elif ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _value(arg):
    """d(1.0, 2) -> [1.0, 2.0]; new double[][] {{..}, {..}} -> nested lists; "x" -> str; 1.5 -> (1.5, '1.5')."""
    lines = [line.split("//")[0] for line in arg.splitlines()]
    arg = " ".join(lines).strip()
    if arg.startswith('"'):
        return arg[1:-1]
    if arg.startswith("d("):
        return [float(x) for x in arg[2:-1].split(",") if x.strip()]
    if arg.startswith("new double[][]"):
        body = arg[len("new double[][]"):].strip()
        rows = body.strip()[1:-1]
        return [[float(x) for x in row.split(",") if x.strip()]
                for row in rows.replace("}", "").split("{") if row.strip(" ,")]
    return Literal(arg)


class Literal(float):
    """A number read from Java source that remembers how the test spells it."""

    def __new__(cls, text):
        value = super().__new__(cls, float(text.rstrip("dDfF")))
        value.text = text
        return value
