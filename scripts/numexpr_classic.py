"""numexpr and NumPy on the lab's classic, sin(2*pi*x) over linspace(-1, 1, 1e6),
timed as timeit does (loops from autorange, best of 7), to compare with the
page's race (scripts/race.mjs) in the same sitting:

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install numpy numexpr
    /tmp/venv/bin/python scripts/numexpr_classic.py
"""

import timeit

import numexpr as ne
import numpy as np


def best(call):
    timer = timeit.Timer(call)
    loops, _ = timer.autorange()
    return min(timer.repeat(repeat=7, number=loops)) / loops


x = np.linspace(-1, 1, 1_000_000)
for threads in (1, 2):
    ne.set_num_threads(threads)
    seconds = best(lambda: ne.evaluate("sin(2*pi*x)", local_dict={"x": x, "pi": np.pi}))
    print(f"numexpr {ne.__version__}, {threads} thread(s): {seconds * 1e3:.3f} ms")
print(f"NumPy {np.__version__}: {best(lambda: np.sin(2 * np.pi * x)) * 1e3:.3f} ms")
