// The Chromium half of the benchmark, run in the page by suite.mjs: the
// lab's engines through its JavaScript API (in its worker, with its thread
// pool); the hand-written JavaScript loop of each case, once making a new
// result array per call (as the engines, NumPy and numexpr do) and once
// writing into one made before; and a plain copy of each input to the
// output (TypedArray.set, the browser's memmove), for the bandwidth bound.
// All timed as timeit does.

import { createLab } from '../../www/exprlab.js';
import { timeit } from '../../www/timeit.js';
import { CASES, constructor } from './cases.js';

/** The best seconds per loop of `fn`, and the loops per batch. */
function best(/** @type {() => unknown} */ fn, /** @type {number} */ minTime, /** @type {number} */ repeats) {
    const { perLoop, loops } = timeit(fn, { repeats, minTime });
    return { best: Math.min(...perLoop), loops };
}

/**
 * @param {{runs: {name: string, dtype: string, n: number}[], minTime: number, repeats: number}} spec
 */
export async function run({ runs, minTime, repeats }) {
    const lab = await createLab();
    const rows = [];
    const engines = [
        { contender: 'eager', engine: 'eager', simd: false, threads: 1 },
        { contender: 'vm scalar', engine: 'vm', simd: false, threads: 1 },
        { contender: 'vm simd', engine: 'vm', simd: true, threads: 1 },
    ];
    if (lab.threads > 1) engines.push({ contender: 'vm simd', engine: 'vm', simd: true, threads: lab.threads });
    for (const { name, dtype, n } of runs) {
        const c = /** @type {import('./cases.js').Case} */ (CASES.find((k) => k.name === name));
        /** @type {Record<string, string>} */
        const vars = {};
        for (const [v, input] of Object.entries(c.inputs)) vars[v] = constructor(input, n, dtype);
        const row = (contender, threads, best, loops) => rows.push({ case: name, dtype, n, contender, threads, best, loops });
        for (const e of engines) {
            const t = await lab.time(c.expr, vars, { ...e, repeats, minTime });
            row(`chromium ${e.contender}`, e.threads, t.best, t.loops);
        }
        // The same inputs in JavaScript, from the engine's constructors.
        /** @type {Record<string, Float64Array | Float32Array>} */
        const arrays = {};
        for (const v of Object.keys(vars)) arrays[v] = /** @type {any} */ (await lab.evaluate(v, vars));
        const Floats = dtype === 'float32' ? Float32Array : Float64Array;
        const loop = best(() => c.loop(new Floats(n), arrays, n), minTime, repeats);
        row('chromium js loop', 1, loop.best, loop.loops);
        const out = new Floats(n);
        const into = best(() => c.loop(out, arrays, n), minTime, repeats);
        row('chromium js loop into', 1, into.best, into.loops);
        const inputs = Object.values(arrays);
        const copy = best(() => { for (const a of inputs) out.set(a); }, minTime, repeats);
        row('chromium copy', 1, copy.best, copy.loops);
    }
    lab.terminate();
    return { threads: lab.threads, userAgent: navigator.userAgent, rows };
}
