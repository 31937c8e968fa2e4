// The lab's charts (uPlot, served from this origin): the speedup ladder,
// thread scaling and the result's plot, or its picture for a result of two
// or more dimensions (a canvas, in a perceptual color map). Charts take their colors from the
// page's CSS and are drawn again when the window resizes or the color
// scheme changes.

// @ts-expect-error: uPlot's types are in uPlot.d.ts (the package's `typings`), not beside this file.
import uPlotModule from '../node_modules/uplot/dist/uPlot.esm.js';
import { $, debounce, el } from './dom.js';

/** @typedef {import('./exprlab.js').Lab} Lab */
/** @typedef {import('./exprlab.js').Summary} Summary */

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
/** @type {Record<string, {chart: {destroy: () => void}, redraw: () => void}>} */
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
 * The last result of `lab` (summarised by `s`): a picture when it has two
 * dimensions or more, else a line plot.
 * @param {string} id
 * @param {Lab} lab
 * @param {Summary} s
 */
export async function drawResult(id, lab, s) {
    if ((s.shape?.length ?? 0) >= 2) await drawPicture(id, lab, s);
    else await drawLine(id, lab, s.length ?? 0);
}

/**
 * The last result of `lab`, `length` elements, as a band of each pixel
 * column's min and max (decimated in wasm, so 1e7 points keep their spikes).
 * @param {string} id
 * @param {Lab} lab
 * @param {number} length
 */
async function drawLine(id, lab, length) {
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

/** A canvas of `width` x `height` pixels. @param {number} width @param {number} height @param {string} className */
function canvasOf(width, height, className) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    canvas.className = className;
    return canvas;
}

/** Viridis (matplotlib's perceptually uniform map) at ten even steps, dark to light. */
const VIRIDIS = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'];

/** The map as 256 RGB triples, interpolated between its steps. */
const palette = (() => {
    const steps = VIRIDIS.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const out = new Uint8ClampedArray(256 * 3);
    for (let i = 0; i < 256; i++) {
        const t = (i / 255) * (steps.length - 1);
        const k = Math.min(steps.length - 2, Math.floor(t));
        for (let c = 0; c < 3; c++) out[3 * i + c] = steps[k][c] + (steps[k + 1][c] - steps[k][c]) * (t - k);
    }
    return out;
})();

/**
 * The last result of `lab` (summarised by `s`) as an image: its last
 * dimension across, the others down, each pixel the mean of the elements
 * it covers (decimated in wasm to the pixels drawn, so a 4000x4000 result
 * stays quick), colored from its smallest to its largest value, with a
 * color bar; NaN pixels are left empty.
 * @param {string} id
 * @param {Lab} lab
 * @param {Summary} s
 */
async function drawPicture(id, lab, s) {
    const box = $(id);
    const shape = s.shape ?? [];
    const across = shape[shape.length - 1];
    const down = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const em = parseFloat(getComputedStyle(box).fontSize);
    // The room for the image: the box less the color bar and its labels.
    const room = { width: Math.max(100, box.clientWidth - 7 * em), height: 0 };
    room.height = box.classList.contains('fill')
        ? Math.max(60, box.clientHeight - 2 * em)
        : Math.min(480, Math.max(200, room.width * (down / across)));
    // Fit the elements' aspect in the room, neither side under 60 pixels.
    const scale = Math.min(room.width / across, room.height / down);
    const size = { width: Math.max(60, Math.min(room.width, across * scale)), height: Math.max(60, Math.min(room.height, down * scale)) };
    const dpr = window.devicePixelRatio || 1;
    const picture = await lab.picture(Math.round(size.width * dpr), Math.round(size.height * dpr));
    if (!picture) return;
    // The result's own range (NaNs left out), which the pixels' means lie
    // in; the finite pixels' where it reaches an infinity.
    let [lo, hi] = [s.min, s.max];
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        [lo, hi] = [Infinity, -Infinity];
        for (const v of picture.pixels) {
            if (!Number.isFinite(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
    }
    const finite = Number.isFinite(lo) && Number.isFinite(hi);
    const image = new ImageData(picture.width, picture.height);
    picture.pixels.forEach((v, i) => {
        if (Number.isNaN(v) || !finite) return;
        const p = 3 * Math.round(hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) * 255 : 128);
        image.data.set([palette[p], palette[p + 1], palette[p + 2], 255], 4 * i);
    });
    const canvas = canvasOf(picture.width, picture.height, 'picture');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `the result, of shape (${shape.join(', ')}), as an image`);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    const bar = canvasOf(1, 256, 'color-bar');
    bar.style.height = `${size.height}px`;
    const barImage = new ImageData(1, 256);
    for (let i = 0; i < 256; i++) barImage.data.set([...palette.subarray(3 * (255 - i), 3 * (255 - i) + 3), 255], 4 * i);
    bar.getContext('2d')?.putImageData(barImage, 0, 0);
    const ticks = el('div', { class: 'color-ticks' });
    ticks.style.height = `${size.height}px`;
    // Four digits, and 0 for a midpoint that is 0 but for rounding.
    const tick = (/** @type {number} */ v) => (Math.abs(v) < 1e-9 * (hi - lo) ? '0' : String(Number(v.toPrecision(4))));
    ticks.replaceChildren(...(finite ? [hi, (lo + hi) / 2, lo] : []).map((v) => el('span', { text: tick(v) })));
    const decimated = picture.width < across || picture.height < down;
    const note = [
        `(${shape.join(', ')}): ${shape.length > 2 ? 'the last dimension across, the others down' : 'rows down, columns across'}`,
        decimated ? `${picture.width} x ${picture.height} pixels, each the mean of its elements` : '',
        finite ? '' : 'no finite value to color',
    ].filter(Boolean).join('; ');
    charts[id]?.chart.destroy();
    box.replaceChildren(el('div', { class: 'picture-row' }, [canvas, bar, ticks]), el('p', { class: 'muted picture-note', text: note }));
    charts[id] = { chart: { destroy: () => {} }, redraw: () => void drawPicture(id, lab, s) };
}
