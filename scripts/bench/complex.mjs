// complex128 in headless Chromium through the JavaScript API, on complex
// inputs as numexpr's users hold them: `z` with parts uniform in [-2, 2]
// and `c` in [-1, 1], 1e6 numbers each (scripts/bench/complex.py makes the
// same for NumPy and numexpr). Prints a markdown table of the VM with SIMD
// kernels on 1 thread and on all, timeit-style (loops grown until a repeat
// takes 0.2 s, the best of the repeats):
//
//     node scripts/bench/complex.mjs                    # exp(z), z*z + c, abs(z)
//     node scripts/bench/complex.mjs 'sqrt(z)' 'sin(z)' --repeats 7
//
// Needs both wasm packages built (`./run build`).

import { launch, open, serve } from '../browser.mjs';

const args = process.argv.slice(2);
let repeats = 5;
/** @type {string[]} */
const exprs = [];
for (let i = 0; i < args.length; i++) {
    if (args[i] === '--repeats') repeats = Number(args[++i]);
    else exprs.push(args[i]);
}
if (!exprs.length) exprs.push('exp(z)', 'z*z + c', 'abs(z)');

const server = await serve();
const { context, close } = await launch();
try {
    const { page } = await open(context, server.url);
    const rows = await page.evaluate(async ({ exprs, repeats }) => {
        const { createLab } = await import('/www/exprlab.js');
        const lab = await createLab();
        const n = 1e6;
        // Interleaved parts, uniform in [-scale, scale] (a fixed LCG).
        const parts = (/** @type {number} */ seed, /** @type {number} */ scale) => {
            const a = new Float64Array(2 * n);
            let s = seed;
            for (let i = 0; i < a.length; i++) {
                s = (s * 1103515245 + 12345) % 2147483648;
                a[i] = (s / 2147483648 * 2 - 1) * scale;
            }
            return a;
        };
        const vars = {
            z: { data: parts(7, 2), dtype: /** @type {const} */ ('complex128') },
            c: { data: parts(11, 1), dtype: /** @type {const} */ ('complex128') },
        };
        const out = [];
        for (const expr of exprs) {
            for (const threads of [...new Set([1, lab.threads])]) {
                const t = await lab.time(expr, vars, { threads, repeats });
                out.push({ expr, threads, used: t.threadsUsed, best: t.best, mean: t.mean, std: t.std });
            }
        }
        lab.terminate();
        return out;
    }, { exprs, repeats });
    const ms = (/** @type {number} */ s) => `${(s * 1e3).toFixed(3)} ms`;
    console.log('| expression | threads | best | mean ± std |');
    console.log('|---|---:|---:|---:|');
    for (const r of rows) {
        const threads = r.used < r.threads ? `${r.threads} (${r.used} used)` : `${r.threads}`;
        console.log(`| \`${r.expr}\` | ${threads} | ${ms(r.best)} | ${ms(r.mean)} ± ${ms(r.std)} |`);
    }
} finally {
    await close();
    server.stop();
}
