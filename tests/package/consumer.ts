// A small web project's code using the installed `exprlab` package, as a
// TypeScript user writes it: tests/e2e/package.test.mjs compiles it with
// tsc against the package's types (exprlab.d.ts) and runs it in Chromium.
// What it finds goes into `window.outcome` for the test to read.

import { createLab, type Figures, type Lab } from 'exprlab';

const lab: Lab = await createLab();
const x = new Float64Array(1000).map((_, i) => -1 + (2 * i) / 999);
const y = await lab.evaluate('sin(2*pi*x)', { x });
const total = await lab.evaluate('sum(a*b)', { a: 'arange(10)', b: { value: 2, dtype: 'float64' } });
const timed: Figures = await lab.time('sqrt(x**2 + 1)', { x: 'linspace(0, 1, 1e6)' }, { threads: lab.threads, repeats: 2 });
const problem = await lab.check('sin(2*pi*y)', { x: 'float64' });

// @ts-expect-error: a list of numbers is not an input (a list is byte strings: the types say which are)
void (() => lab.evaluate('x', { x: [1, 2, 3] }));
// @ts-expect-error: no such engine
void (() => lab.evaluate('x', { x }, { engine: 'numpy' }));

Object.assign(window, {
    outcome: {
        threads: lab.threads,
        isolated: lab.isolated,
        hardware: navigator.hardwareConcurrency,
        y: Array.from(y as Float64Array),
        x: Array.from(x),
        total,
        best: timed.best,
        threadsUsed: timed.threadsUsed,
        problem,
    },
});
