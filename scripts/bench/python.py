"""NumPy and numexpr on the suite of scripts/bench/cases.js, natively.

Reads {"cases": [{"name", "expr", "dtype", "n", "inputs": {name: [kind, *args]}}],
"threads": N, "min_time": S, "repeats": R} on stdin and prints one JSON
array of timings (seconds per loop, timeit-style: loops grown until a
repeat takes min_time, the best of `repeats`). Inputs are made as the
engine's constructors make them (same kinds and ranges; other random bits).
"""

import json
import sys
import timeit

import numexpr as ne
import numpy as np

def make_complex(a, b):
    """numexpr's `complex(a, b)`, the parts set one by one."""
    out = np.empty(a.shape, np.complex128)
    out.real, out.imag = a, b
    return out


NUMPY = {"sin": np.sin, "cos": np.cos, "exp": np.exp, "sqrt": np.sqrt, "abs": np.abs,
         "where": np.where, "sum": np.sum, "pi": np.pi, "complex": make_complex}


def make(kind, args, n, dtype):
    if kind == "linspace":
        return np.linspace(args[0], args[1], n).astype(dtype)
    rng = np.random.default_rng(int(args[0]))
    values = rng.random(n) if kind == "random" else rng.standard_normal(n)
    return values.astype(dtype)


def best(call, min_time, repeats):
    loops = 1
    while True:
        if timeit.timeit(call, number=loops) >= min_time or loops >= 1 << 20:
            break
        loops *= 2 if loops < 10 else 5
    times = timeit.repeat(call, number=loops, repeat=repeats)
    return min(times) / loops, loops


def main():
    spec = json.load(sys.stdin)
    out = []
    for case in spec["cases"]:
        dtype = np.dtype(case["dtype"])
        n = int(case["n"])
        arrays = {name: make(spec_[0], spec_[1:], n, dtype) for name, spec_ in case["inputs"].items()}
        expr = case["expr"]
        # numexpr knows no constants: pi is a Python float, as a user passes it.
        local = {**arrays, "pi": np.pi}
        contenders = [("numpy", 1, lambda: eval(expr, NUMPY, arrays))]
        for threads in sorted({1, spec["threads"]}):
            contenders.append(("numexpr", threads, (threads, lambda: ne.evaluate(expr, local_dict=local))))
        for name, threads, call in contenders:
            if name == "numexpr":
                ne.set_num_threads(call[0])
                call = call[1]
            seconds, loops = best(call, spec["min_time"], spec["repeats"])
            out.append({"case": case["name"], "dtype": case["dtype"], "n": case["n"],
                        "contender": name, "threads": threads, "best": seconds, "loops": loops})
    json.dump({"numpy": np.__version__, "numexpr": ne.__version__, "timings": out}, sys.stdout)


if __name__ == "__main__":
    main()
