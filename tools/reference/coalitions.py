#!/usr/bin/env python3
"""Reference values for org.gsmile.core.mask.Coalitions (CoalitionsTest cites this script).

Run: python3 tools/reference/coalitions.py

Binomial coefficients come from scipy.special.comb: exact=True gives the integer, whose float() is
the correctly rounded double; exact=False is scipy's floating-point value (printed for comparison).
ln C(n, k) is math.log of the exact integer. The Shapley kernel weight of one coalition of size s
out of n units is (n-1) / (C(n,s) * s * (n-s)), the weight of the whole size-s stratum
(n-1) / (s * (n-s)); both are computed here as exact fractions and then rounded once.
"""
import math
from fractions import Fraction

from scipy.special import comb

PAIRS = [(0, 0), (1, 0), (1, 1), (7, 0), (10, 5), (20, 7), (30, 15), (40, 20), (56, 24), (60, 30),
         (66, 33), (67, 18), (100, 50), (200, 3), (1000, 500), (1029, 514), (1100, 550)]
KERNEL = [(2, 1), (3, 1), (6, 2), (10, 5), (14, 7), (20, 1), (20, 10), (64, 32), (100, 50)]
ROWS = [1, 5, 30, 100, 400]


def main():
    print("# n k comb_exact comb_float ln_comb_exact")
    for n, k in PAIRS:
        exact = comb(n, k, exact=True)
        print(n, k, repr(as_double(exact)), repr(float(comb(n, k))), repr(math.log(exact)))
    print("# n s shapley_kernel_weight stratum_weight log_shapley_kernel_weight")
    for n, s in KERNEL:
        c = comb(n, s, exact=True)
        kernel = Fraction(n - 1, c * s * (n - s))
        stratum = Fraction(n - 1, s * (n - s))
        log_kernel = math.log(n - 1) - math.log(c) - math.log(s) - math.log(n - s)
        print(n, s, repr(float(kernel)), repr(float(stratum)), repr(log_kernel))
    print("# n k ln_comb_exact (entries of logChooseRow(n))")
    for n in ROWS:
        for k in sorted({0, 1, n // 3, n // 2, n - 1, n}):
            print(n, k, repr(math.log(comb(n, k, exact=True))))


def as_double(exact):
    """The correctly rounded double of an integer; inf past the largest double, as Java has it."""
    try:
        return float(exact)
    except OverflowError:
        return math.inf


if __name__ == "__main__":
    main()
