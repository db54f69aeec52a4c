"""Cost of a matrix product, pure Python against BLAS (`make bench`). Prints; asserts nothing.

Egg's glossary asks whether a vectorized product is faster "in just wall time or is it less
complex". Both ``mlcheatsheet.math.linear_algebra.matmul`` (a dot product per entry, in Python)
and NumPy's ``A @ B`` (BLAS, one thread here) do the same n^3 multiplications. The exponent of
time against n is fitted over the three largest sizes, where per-call overhead no longer
dominates; it heads for 3 for both as n grows, while the ratio stays a (large) constant factor.
Every row is the median of 3 runs in this one process, on seeded random matrices.
"""

import numpy as np
from bench_algorithms import median_time  # tools/ is the script's folder, so on sys.path

from mlcheatsheet.math import linear_algebra as la

SIZES = (32, 64, 128, 192)


def main():
    gen = np.random.default_rng(0)
    ours, blas = [], []
    print(f"{'n':>5} {'pure Python':>12} {'A @ B':>12} {'ratio':>9}")
    for n in SIZES:
        A, B = gen.normal(size=(n, n)), gen.normal(size=(n, n))
        ours.append(median_time(lambda: la.matmul(A, B)))
        # BLAS is too quick to time once at small n: time 1000 products and divide.
        blas.append(median_time(lambda: [A @ B for _ in range(1000)]) / 1000)
        print(f"{n:>5} {ours[-1]:>11.4f}s {blas[-1]:>11.2e}s {ours[-1] / blas[-1]:>8.0f}x")
    slope = lambda t: np.polyfit(np.log(SIZES[1:]), np.log(t[1:]), 1)[0]
    print(f"growth exponent of time against n (n >= {SIZES[1]}): pure Python {slope(ours):.2f}, "
          f"BLAS {slope(blas):.2f} (the count of multiplications grows as n^3)")


if __name__ == "__main__":
    main()
