// The lab's charts (uPlot, served from this origin): the speedup ladder,
// thread scaling and the result's plot. Charts take their colors from the
// page's CSS and are drawn again when the window resizes or the color
// scheme changes.

// @ts-expect-error: uPlot's types are in uPlot.d.ts (the package's `typings`), not beside this file.
import uPlotModule from '../node_modules/uplot/dist/uPlot.esm.js';
import { $, debounce, el } from './dom.js';

/** @typedef {import('./exprlab.js').Lab} Lab */

/** @type {typeof import('uplot')} */
const uPlot = uPlotModule;

/** An element that resolves the page's color variables (which hold light-dark()). @type {HTMLElement | undefined} */
let probe;

/** The color of a CSS custom property of the page, resolved for the current scheme. @param {string} name */
export function cssColor(name) {
    if (!probe?.isConnected) {
        probe = el('span');
        probe.hidden = true;
        document.body.append(probe);
    }
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
}

/** A chart's size: its box's width; the box's height for a `fill` box, else a fixed one. @param {HTMLElement} box */
function chartSize(box) {
    const fixed = box.classList.contains('wide') ? 260 : 200;
    return { width: Math.max(200, box.clientWidth), height: box.classList.contains('fill') ? Math.max(80, box.clientHeight) : fixed };
}

/**
 * An axis in the page's colors, its labels at 80% of `em`, the chart box's
 * font size (so the embed view's charts read from the back of a room).
 * @param {number} em
 * @param {Partial<uPlot.Axis>} [extra]
 * @returns {uPlot.Axis}
 */
function axis(em, extra = {}) {
    const px = Math.round(0.8 * em);
    return {
        stroke: cssColor('--muted'), grid: { stroke: cssColor('--grid') }, ticks: { stroke: cssColor('--grid') },
        font: `${px}px system-ui, sans-serif`, size: Math.max(40, 3.6 * px), ...extra,
    };
}

const compactFormat = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 2 });
/** An element index as a short label: 250K, 1.5M. @param {number} n */
const compact = (n) => compactFormat.format(n);

/** The charts drawn, with what draws them again. */
/** @type {Record<string, {chart: uPlot, redraw: () => void}>} */
const charts = {};

/**
 * Draws `data` in the chart of element `id`, made anew: sizes, type and
 * colors come from the page at that moment, so `options` is a function (of
 * the box's font size in pixels).
 * @param {string} id
 * @param {(em: number) => Omit<uPlot.Options, 'width' | 'height'>} options
 * @param {uPlot.AlignedData} data
 */
function draw(id, options, data) {
    charts[id]?.chart.destroy();
    const box = $(id);
    box.replaceChildren();
    const em = parseFloat(getComputedStyle(box).fontSize);
    const chart = new uPlot({ ...chartSize(box), ...options(em) }, data, box);
    charts[id] = { chart, redraw: () => draw(id, options, data) };
}

/** Removes the chart of element `id`, leaving `note` in its place. */
export function clearChart(/** @type {string} */ id, /** @type {string} */ note) {
    charts[id]?.chart.destroy();
    delete charts[id];
    $(id).replaceChildren(el('p', { class: 'muted', text: note }));
}

/** Every chart drawn again (new sizes, new colors). */
export function redrawAll() {
    for (const { redraw } of Object.values(charts)) redraw();
}

/** Draws the charts again when the window resizes or the color scheme changes. */
export function followLayout() {
    window.addEventListener('resize', debounce(redrawAll, 150));
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redrawAll);
}

/**
 * The speedup of each contender over eager, as bars, and each of `lines`
 * (the stream bounds: on 1 thread dashed, on more dotted) as a line across
 * them: a bar that reaches a line runs as fast as memory allows.
 * @param {string} id
 * @param {{label: string, speedup: number}[]} rows
 * @param {{speedup: number, dotted: boolean}[]} [lines]
 */
export function drawLadder(id, rows, lines = []) {
    const labels = rows.map((r) => r.label);
    const top = Math.max(1, ...rows.map((r) => r.speedup), ...lines.map((l) => l.speedup));
    draw(id, (em) => ({
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, rows.length - 0.5] }, y: { range: () => [0, top * 1.1] } },
        axes: [
            axis(em, { values: (_, ticks) => ticks.map((t) => labels[t] ?? ''), splits: () => labels.map((_, i) => i), size: 40 }),
            axis(em, { values: (_, ticks) => ticks.map((t) => `${t}x`) }),
        ],
        series: [{}, { label: 'speedup', stroke: cssColor('--accent'), fill: cssColor('--accent-soft'), paths: uPlot.paths.bars?.({ size: [0.6, 80] }), points: { show: false } },
            ...lines.map((l) => ({ label: l.dotted ? 'stream bound, most threads' : 'stream bound, 1 thread', stroke: cssColor('--muted'), width: 1.5, dash: l.dotted ? [2, 3] : [6, 4], points: { show: false } }))],
    }), [labels.map((_, i) => i), rows.map((r) => r.speedup), ...lines.map((l) => rows.map(() => l.speedup))]);
}

/**
 * The SIMD VM's speedup on each thread count over one thread, with the ideal dashed.
 * @param {string} id
 * @param {{threads: number, speedup: number}[]} points
 */
export function drawScaling(id, points) {
    const top = Math.max(...points.map((p) => p.threads));
    draw(id, (em) => ({
        legend: { show: false },
        scales: { x: { time: false, range: [1, Math.max(2, top)] }, y: { range: (_, __, max) => [0, Math.max(top, max) * 1.05] } },
        axes: [
            axis(em, { values: (_, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) }),
            axis(em, { values: (_, ticks) => ticks.map((t) => `${t}x`) }),
        ],
        series: [
            { label: 'threads' },
            { label: 'measured', stroke: cssColor('--accent'), width: 2, points: { size: 7 } },
            { label: 'ideal (dashed)', stroke: cssColor('--muted'), dash: [4, 4], points: { show: false } },
        ],
    }), [points.map((p) => p.threads), points.map((p) => p.speedup), points.map((p) => p.threads)]);
}

/**
 * The last result of `lab`, `length` elements, as a band of each pixel
 * column's min and max (decimated in wasm, so 1e7 points keep their spikes).
 * @param {string} id
 * @param {Lab} lab
 * @param {number} length
 */
export async function drawResult(id, lab, length) {
    const columns = Math.max(100, Math.min(2000, $(id).clientWidth));
    const pairs = await lab.plot(columns);
    const n = pairs.length / 2;
    const x = Array.from({ length: n }, (_, c) => ((c + 0.5) * length) / n);
    const lo = Array.from({ length: n }, (_, c) => pairs[2 * c]);
    const hi = Array.from({ length: n }, (_, c) => pairs[2 * c + 1]);
    draw(id, (em) => ({
        legend: { show: false },
        scales: { x: { time: false } },
        axes: [axis(em, { space: 5 * em, values: (_, ticks) => ticks.map(compact) }), axis(em, { size: 4.5 * em })],
        bands: [{ series: [2, 1], fill: cssColor('--accent-soft') }],
        series: [
            { label: 'index' },
            { label: 'min', stroke: cssColor('--accent'), points: { show: false } },
            { label: 'max', stroke: cssColor('--accent'), points: { show: false } },
        ],
    }), [x, lo, hi]);
}
