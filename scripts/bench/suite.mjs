// The benchmark suite (`./run bench`): every case of cases.js in float64 and
// float32 at 1e5, 1e6 and 1e7 elements, timed in one run by
//   - ExprLab in headless Chromium (eager, vm scalar, vm SIMD on 1 thread and
//     on all), a hand-written JavaScript loop, and a plain copy of the inputs
//     to the output (the bandwidth bound), in the same page;
//   - ExprLab natively (`exprlab bench --json`: vm SIMD on 1 thread and all);
//   - NumPy and numexpr (1 thread and all) natively (python.py).
// Prints a markdown table and writes it with the JSON of every timing to
// target/bench/.
//
//   node scripts/bench/suite.mjs [--quick] [--python PATH] [--min-time S] [--repeats R]
//
// --quick runs 1e6 elements only.

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT, launch, serve } from '../browser.mjs';
import { CASES, DTYPES, SIZES, constructor } from './cases.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : fallback;
};
const python = option('--python', join(ROOT, 'target/bench-venv/bin/python'));
const minTime = Number(option('--min-time', '0.05'));
const repeats = Number(option('--repeats', '5'));
const sizes = args.includes('--quick') ? [1e6] : SIZES;
const threads = availableParallelism();
const OUT = join(ROOT, 'target', 'bench');

const runs = [];
for (const c of CASES) for (const dtype of c.dtypes ?? DTYPES) for (const n of sizes) runs.push({ name: c.name, dtype, n });
const rows = [];
const log = (text) => process.stderr.write(`${text}\n`);

// ExprLab natively.
log(`native ExprLab: ${runs.length} runs`);
for (const { name, dtype, n } of runs) {
    const c = CASES.find((k) => k.name === name);
    const bindings = Object.entries(c.inputs).map(([v, input]) => `${v}=${constructor(input, n, dtype)}`);
    const cli = spawnSync(join(ROOT, 'target/release/exprlab'), ['bench', c.expr, ...bindings, '--threads', `1,${threads}`,
        '--engines', 'simd', '--repeats', String(repeats), '--min-time', String(minTime), '--json'], { encoding: 'utf8' });
    if (cli.status !== 0) throw new Error(`exprlab bench ${c.expr}: ${cli.stderr}`);
    for (const t of JSON.parse(cli.stdout)) {
        if (t.engine === 'vm' && t.kernels === 'simd') {
            rows.push({ case: name, dtype, n, contender: 'native vm simd', threads: t.threads, best: t.best, loops: t.loops });
        }
    }
}

// NumPy and numexpr.
log('NumPy and numexpr');
const cases = runs.map(({ name, dtype, n }) => {
    const c = CASES.find((k) => k.name === name);
    return { name, expr: c.expr, dtype, n, inputs: c.inputs };
});
const py = spawnSync(python, [join(ROOT, 'scripts/bench/python.py')], {
    input: JSON.stringify({ cases, threads, min_time: minTime, repeats }), encoding: 'utf8', maxBuffer: 1 << 26,
});
if (py.status !== 0) throw new Error(`${python} scripts/bench/python.py: ${py.stderr || py.error}`);
const native = JSON.parse(py.stdout);
rows.push(...native.timings);

// Chromium.
log('headless Chromium');
const server = await serve();
const { context, close } = await launch();
let chromium;
try {
    const page = await context.newPage();
    await page.goto(`${server.url}scripts/bench/page.html`);
    chromium = await page.evaluate(async (spec) => {
        const { run } = await import('/scripts/bench/in-page.js');
        return run(spec);
    }, { runs, minTime, repeats });
} finally {
    await close();
    server.stop();
}
rows.push(...chromium.rows);

// The table.
// The row of a contender in a run, and its best time.
const timing = (run, contender, t = 1) =>
    rows.find((r) => r.case === run.name && r.dtype === run.dtype && r.n === run.n && r.contender === contender && r.threads === t);
const find = (run, contender, t = 1) => timing(run, contender, t)?.best;
const ms = (s) => (s === undefined ? '' : s < 1e-3 ? `${(s * 1e3).toFixed(3)}` : (s * 1e3).toPrecision(4));
const ratio = (a, b) => (a === undefined || b === undefined ? '' : `${(a / b).toFixed(2)}x`);
const N = threads;
const lines = [
    `| case | dtype | n | eager | vm scalar | vm SIMD | vm SIMD ×${N} | ×${N} over ×1 | JS loop | JS loop into | stream bound | stream bound ×${N} | native ×1 | native ×${N} | numexpr ×1 | numexpr ×${N} | NumPy | vs numexpr ×1 | vs numexpr ×${N} | vs JS loop | vs JS loop into | of bound | of bound ×${N} |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
// Throughput: what each engine moves per second (the bytes the expression
// must read and write) and computes (elements of the result).
const flow = [
    `| case | dtype | n | MB moved | eager | vm scalar | vm SIMD | vm SIMD ×${N} | stream bound | stream bound ×${N} |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
];
// The low-accuracy kernels against the high, on the transcendental cases.
const low = [
    `| case | dtype | n | vm SIMD | vm SIMD low | low over high | vm SIMD ×${N} | vm SIMD low ×${N} | low over high ×${N} | numexpr ×1 over low | numexpr ×${N} over low ×${N} | ULPs high | ULPs low |`,
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
];
const rate = (bytes, elements, s) => (s === undefined ? '' : `${(bytes / s / 1e9).toPrecision(3)} GB/s${elements ? `, ${(elements / s / 1e9).toPrecision(3)} Gel/s` : ''}`);
for (const run of runs) {
    const simd1 = find(run, 'chromium vm simd');
    const simdN = find(run, 'chromium vm simd', N);
    const used = timing(run, 'chromium vm simd', N)?.threadsUsed;
    const ne1 = find(run, 'numexpr');
    const neN = find(run, 'numexpr', N);
    const js = find(run, 'chromium js loop');
    const into = find(run, 'chromium js loop into');
    const bound = find(run, 'chromium stream bound');
    const boundN = find(run, 'chromium stream bound', N);
    const simdNcell = used !== undefined && used < N ? `${ms(simdN)} (${used} used)` : ms(simdN);
    lines.push(`| \`${run.name}\` | ${run.dtype} | ${run.n.toExponential().replace('+', '')} | ${ms(find(run, 'chromium eager'))} | ${ms(find(run, 'chromium vm scalar'))} | ${ms(simd1)} | ${simdNcell} | ${ratio(simd1, simdN)} | ${ms(js)} | ${ms(into)} | ${ms(bound)} | ${ms(boundN)} | ${ms(find(run, 'native vm simd'))} | ${ms(find(run, 'native vm simd', N))} | ${ms(ne1)} | ${ms(neN)} | ${ms(find(run, 'numpy'))} | ${ratio(ne1, simd1)} | ${ratio(neN, simdN)} | ${ratio(js, simd1)} | ${ratio(into, simd1)} | ${ratio(bound, simd1)} | ${ratio(boundN, simdN)} |`);
    const simdRow = timing(run, 'chromium vm simd');
    const bytes = simdRow?.bytes ?? 0;
    const elements = simdRow?.elements ?? 0;
    const cell = (contender, t = 1) => rate(bytes, elements, find(run, contender, t));
    const low1 = find(run, 'chromium vm simd low');
    const lowN = find(run, 'chromium vm simd low', N);
    if (low1 !== undefined) {
        const ulps = (contender) => timing(run, contender)?.ulps ?? '';
        low.push(`| \`${run.name}\` | ${run.dtype} | ${run.n.toExponential().replace('+', '')} | ${ms(simd1)} | ${ms(low1)} | ${ratio(simd1, low1)} | ${ms(simdN)} | ${ms(lowN)} | ${ratio(simdN, lowN)} | ${ratio(ne1, low1)} | ${ratio(neN, lowN)} | ${ulps('chromium vm simd')} | ${ulps('chromium vm simd low')} |`);
    }
    flow.push(`| \`${run.name}\` | ${run.dtype} | ${run.n.toExponential().replace('+', '')} | ${(bytes / 1e6).toPrecision(3)} | ${cell('chromium eager')} | ${cell('chromium vm scalar')} | ${cell('chromium vm simd')} | ${cell('chromium vm simd', N)} | ${rate(bytes, 0, bound)} | ${rate(bytes, 0, boundN)} |`);
}
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${threads} threads, ${Math.round(totalmem() / 2 ** 30)} GiB`;
const header = [
    `Times in ms, best of ${repeats} repeats (loops grown until a repeat takes ${minTime} s).`,
    `Machine: ${machine}. Browser: ${chromium.userAgent} (headless, cross-origin isolated, pool of ${chromium.threads}); wasm build ${chromium.build}.`,
    `NumPy ${native.numpy}, numexpr ${native.numexpr}. "JS loop" makes a new result array per call, as every engine`,
    'here does; "JS loop into" writes into one made before. "stream bound": the engine\'s worker copying the',
    'expression\'s array inputs with the VM\'s driver on 1 thread (and on all), scaled to the bytes the expression',
    'must move (its inputs read, its output written). "(1 used)": the VM used fewer threads than allowed, where',
    'more would not pay (docs/threads.md). Ratios: numexpr\'s time over ExprLab-in-Chromium\'s at the same thread',
    'count; the JavaScript loops\' over vm SIMD on 1 thread; "of bound": the stream bound over vm SIMD at the same',
    'thread count (1 = as fast as memory allows).',
    '',
];
const table = [...header, ...lines, '', 'Throughput in Chromium: the bytes the expression must move, and the elements of its result, per second.', '', ...flow,
    '', 'Low accuracy (`simd-low`: sin, cos, exp and log within 4 ULP) against high, in the same race; ULPs: the largest',
    'difference from eager\'s result (the libm\'s).', '', ...low].join('\n');
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'suite.md'), `${table}\n`);
writeFileSync(join(OUT, 'suite.json'), JSON.stringify({ machine, userAgent: chromium.userAgent, build: chromium.build, numpy: native.numpy,
    numexpr: native.numexpr, threads, minTime, repeats, rows }, null, 1));
console.log(table);
log(`\nwritten: ${join(OUT, 'suite.md')}, ${join(OUT, 'suite.json')}`);
