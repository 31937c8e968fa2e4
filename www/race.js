// The race of an experiment's contenders, as the lab and the embed view
// run it: the engine runs it (`Lab.race`: in rounds, each round one repeat
// of every contender in turn, so that a slow spell of the machine slows
// every contender alike instead of one; the first contender's result is
// the reference that the others' are compared with in ULPs); here are the
// lines and figures the pages show of it.

import { vars } from './experiment.js';
import { number, rate, seconds } from './dom.js';

/** @typedef {import('./exprlab.js').Lab} Lab */
/** @typedef {import('./exprlab.js').Bound} Bound */
/** @typedef {import('./experiment.js').Experiment} Experiment */
/**
 * A contender's figures, with its speedup over the first contender (eager,
 * unless the experiment leaves it out).
 * @typedef {import('./exprlab.js').RaceRow & {speedup: number}} Row
 */

/**
 * The entrants of `experiment`, as `Lab.race` and `Lab.contenders` take them.
 * @param {Experiment} experiment
 */
export const entrants = (experiment) => ({ engines: experiment.engines, threads: experiment.threads });

/**
 * Races the contenders of `experiment` on `lab` in `experiment.repeats`
 * rounds. `onProgress` hears what runs next and how far the race is;
 * `onRow` of each contender's row after each of its repeats, with every
 * row so far (the first round adds them; later rounds update them).
 * @param {Lab} lab
 * @param {Experiment} experiment
 * @param {{onProgress?: (text: string, fraction: number) => void, onRow?: (row: Row, rows: Row[]) => void}} [hooks]
 * @returns {Promise<Row[]>}
 */
export async function race(lab, experiment, { onProgress, onRow } = {}) {
    const rounds = experiment.repeats;
    onProgress?.('building the inputs…', 0);
    const rows = await lab.race(experiment.expr, vars(experiment.inputs), {
        ...entrants(experiment), repeats: rounds, loops: experiment.loops,
        onProgress: ({ step, round, index, of, label, rows }) => {
            if (step === 'starting') {
                const what = round === 0 ? 'warming up' : `repeat ${round + 1} of ${rounds}`;
                onProgress?.(`${label}: ${what}`, (round * of + index) / (rounds * of));
            } else if (rows) {
                const shown = withSpeedups(rows);
                onRow?.(shown[index], shown);
            }
        },
    });
    return withSpeedups(rows);
}

/**
 * The rows with their speedups over the first.
 * @param {import('./exprlab.js').RaceRow[]} rows
 * @returns {Row[]}
 */
const withSpeedups = (rows) => rows.map((r) => ({ ...r, speedup: rows[0].best / r.best }));

/**
 * One line on whether the contenders' results agree with the first's.
 * @param {Row[]} rows
 */
export function agreement(rows) {
    const worst = Math.max(...rows.map((r) => r.ulps ?? 0));
    if (!Number.isFinite(worst)) return 'The engines disagree: some results differ in class (a NaN against a number) or in size.';
    const first = rows[0]?.label ?? 'eager';
    return `All engines agree: the largest difference from ${first} is ${worst === 0 ? '0 ULP (the same bits)' : `${number(worst)} ULP`}.`;
}

/**
 * The stream bound of `experiment` on 1 thread and on the most threads the
 * VM used in `rows`: how fast the engine's worker copies the bytes the
 * expression must move. Empty when the expression reads no arrays.
 * @param {Lab} lab
 * @param {Experiment} experiment
 * @param {Row[]} rows
 * @returns {Promise<Bound[]>}
 */
export async function streamBounds(lab, experiment, rows) {
    const most = Math.max(1, ...rows.filter((r) => r.engine === 'vm').map((r) => r.threadsUsed));
    const inputs = vars(experiment.inputs);
    /** @type {Bound[]} */
    const bounds = [];
    for (const threads of new Set([1, most])) {
        const bound = await lab.streamBound(experiment.expr, inputs, { threads, repeats: experiment.repeats });
        if (bound) bounds.push(bound);
    }
    return bounds;
}

/**
 * One line on the stream bound: the bytes, the copy's time and rate on
 * each thread count, and how close the fastest contender came.
 * @param {Bound[]} bounds
 * @param {Row[]} rows
 */
export function boundText(bounds, rows) {
    if (!bounds.length) return 'The expression reads no arrays: no stream bound.';
    const each = bounds.map((b) => `${seconds(b.best)} on ${b.threads === 1 ? '1 thread' : `${b.threads}`} (${rate(b.bytes / b.best, 'B')})`);
    const fastest = rows.reduce((a, r) => (r.best < a.best ? r : a));
    const bound = bounds.find((b) => b.threads === fastest.threadsUsed) ?? bounds[0];
    const off = bounds.length - chartedBounds(bounds, rows).length;
    return `Stream bound (a copy of the same ${megabytes(bounds[0].bytes)} in the engine's worker): ${each.join(', ')}; `
        + `${fastest.label} runs at ${(bound.best / fastest.best).toFixed(2)} of it.`
        + (off ? ` Bound by arithmetic, not memory: ${off === bounds.length ? 'the stream bound is' : 'its bound on the most threads is'} `
            + `more than ${CHART_REACH}x faster than every engine and left off the speedup chart.` : '');
}

/** How many times faster than the fastest contender a stream bound may be and still be drawn with the bars. */
const CHART_REACH = 3;

/**
 * The stream bounds near enough to the fastest contender to draw in the
 * speedup chart: a bound far above would flatten every bar.
 * @param {Bound[]} bounds
 * @param {Row[]} rows
 */
export function chartedBounds(bounds, rows) {
    const fastest = Math.min(...rows.map((r) => r.best));
    return bounds.filter((b) => fastest / b.best <= CHART_REACH);
}

/** @param {number} bytes */
const megabytes = (bytes) => `${(bytes / 1e6).toPrecision(3)} MB`;

/**
 * One line on the contenders that used fewer threads than asked for, and
 * why; empty when all used what they asked for.
 * @param {Row[]} rows
 */
export function threadNotes(rows) {
    return rows.filter((r) => r.threadsWhy).map((r) => `${r.label}: ${r.threadsWhy}.`).join(' ');
}

/**
 * The threads a contender asked for, and those it used when fewer: "2 (1 used)".
 * @param {Row} row
 */
export function threadsText(row) {
    return row.threadsUsed < row.threads ? `${row.threads} (${row.threadsUsed} used)` : String(row.threads);
}

/**
 * The SIMD VM's speedup on each thread count over its first: of the
 * first SIMD flavour raced (high accuracy, or low where only it raced).
 * @param {Row[]} rows
 */
export function scaling(rows) {
    const kernels = rows.find((r) => r.engine === 'vm' && r.simd)?.kernels;
    const simd = rows.filter((r) => r.engine === 'vm' && r.simd && r.kernels === kernels);
    return simd.map((r) => ({ threads: r.threads, speedup: simd[0].best / r.best }));
}
