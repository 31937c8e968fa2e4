// The Chromium half of the benchmark, run in the page by suite.mjs: the
// lab's engines through its JavaScript API (in its worker, with its thread
// pool); the hand-written JavaScript loop of each case, once making a new
// result array per call (as the engines, NumPy and numexpr do) and once
// writing into one made before; and the stream bound (the engine's copy of
// the bytes the expression moves, on 1 thread and on all). All timed as
// timeit does, by the engine's timeit (the JavaScript loops through the
// single-threaded build's `timeit`, on this page's thread).

import { createLab } from '../../www/exprlab.js';
import init, { timeit } from '../../www/pkg/single/exprlab.js';
import { CASES, constructor } from './cases.js';

/**
 * The best seconds per loop of `fn`, and the loops per batch.
 * @param {() => unknown} fn
 * @param {number} minTime
 * @param {number} repeats
 * @returns {{best: number, loops: number}}
 */
const best = (fn, minTime, repeats) => timeit(fn, undefined, repeats, minTime);

/**
 * @param {{runs: {name: string, dtype: string, n: number}[], minTime: number, repeats: number}} spec
 */
export async function run({ runs, minTime, repeats }) {
    await init();
    const lab = await createLab();
    const rows = [];
    for (const { name, dtype, n } of runs) {
        const c = /** @type {import('./cases.js').Case} */ (CASES.find((k) => k.name === name));
        /** @type {Record<string, string>} */
        const vars = {};
        for (const [v, input] of Object.entries(c.inputs)) vars[v] = constructor(input, n, dtype);
        const row = (contender, threads, best, loops, extra = {}) =>
            rows.push({ case: name, dtype, n, contender, threads, best, loops, ...extra });
        // The engines race as on the page: in rounds, one repeat of each
        // contender in turn, so that a slow spell of the machine or V8's
        // tier-up falls on every contender alike.
        // The transcendental cases race the low-accuracy kernels too.
        /** @type {import('../../www/exprlab.js').RaceEngine[]} */
        const engines = ['eager', 'scalar', 'simd', ...(c.transcendental ? /** @type {const} */ (['simd-low']) : [])];
        const race = await lab.race(c.expr, vars, { engines, threads: [1, 'max'], repeats, minTime });
        for (const r of race) {
            const contender = r.engine === 'eager' ? 'eager' : r.simd ? `vm ${r.kernels.replace('-', ' ')}` : 'vm scalar';
            row(`chromium ${contender}`, r.threads, r.best, r.loops,
                { threadsUsed: r.threadsUsed, elements: r.elements, bytes: r.bytes, ulps: r.ulps });
        }
        // The stream bound, in the engine's worker as the lab measures it:
        // a copy of the same bytes on 1 thread and on all.
        for (const threads of new Set([1, lab.threads])) {
            const b = await lab.streamBound(c.expr, vars, { threads, repeats, minTime });
            if (b) row('chromium stream bound', threads, b.best, 0, { bytes: b.bytes });
        }
        // The same inputs in JavaScript, from the engine's constructors.
        /** @type {Record<string, Float64Array | Float32Array>} */
        const arrays = {};
        for (const v of Object.keys(vars)) arrays[v] = /** @type {any} */ (await lab.evaluate(v, vars));
        const Floats = dtype === 'float32' ? Float32Array : Float64Array;
        const width = c.width ?? 1;
        const loop = best(() => c.loop(new Floats(width * n), arrays, n), minTime, repeats);
        row('chromium js loop', 1, loop.best, loop.loops);
        const out = new Floats(width * n);
        const into = best(() => c.loop(out, arrays, n), minTime, repeats);
        row('chromium js loop into', 1, into.best, into.loops);
    }
    lab.terminate();
    return { threads: lab.threads, build: `${lab.build} (${lab.describe()})`, userAgent: navigator.userAgent, rows };
}
