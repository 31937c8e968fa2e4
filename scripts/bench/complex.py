"""complex128 natively: NumPy and numexpr on the inputs of complex.mjs.

`z` with parts uniform in [-2, 2], `c` in [-1, 1], 1e6 numbers each;
numexpr on 1 thread and on every core, timeit-style (the best of 7
repeats of 5 loops). Prints a markdown table:

    target/bench-venv/bin/python scripts/bench/complex.py [EXPR ...]

numexpr's `abs` of a complex is complex128 (the magnitude as the real
part); NumPy's, as ExprLab's, float64.
"""

import os
import sys
import timeit

import numexpr as ne
import numpy as np

N = 10**6


def main():
    exprs = sys.argv[1:] or ["exp(z)", "z*z + c", "abs(z)"]
    rng = np.random.default_rng(1)
    z = rng.uniform(-2, 2, N) + 1j * rng.uniform(-2, 2, N)
    c = rng.uniform(-1, 1, N) + 1j * rng.uniform(-1, 1, N)
    names = {"z": z, "c": c}
    functions = dict(vars(np))  # NumPy's names are the language's: sin, arctanh, conj, ...
    best = lambda call: min(timeit.repeat(call, number=5, repeat=7)) / 5
    print(f"NumPy {np.__version__}, numexpr {ne.__version__}\n")
    print("| expression | contender | threads | best |")
    print("|---|---|---:|---:|")
    for expr in exprs:
        for threads in sorted({1, os.cpu_count() or 1}):
            ne.set_num_threads(threads)
            t = best(lambda: ne.evaluate(expr, local_dict=names))
            print(f"| `{expr}` | numexpr | {threads} | {t * 1e3:.3f} ms |")
        t = best(lambda: eval(expr, functions, names))
        print(f"| `{expr}` | NumPy | 1 | {t * 1e3:.3f} ms |")


if __name__ == "__main__":
    main()
