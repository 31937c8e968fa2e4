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
    else await drawLine(id, lab, s);
}

/**
 * The last result of `lab`, summarised by `s`, as a band of each pixel
 * column's min and max (decimated in wasm, so 1e7 points keep their
 * spikes); a complex result as two bands, its real and imaginary parts; a
 * bool result as a line of each column's share of true, from 0 to 1.
 * @param {string} id
 * @param {Lab} lab
 * @param {Summary} s
 */
async function drawLine(id, lab, s) {
    const length = s.length ?? 0;
    const columns = Math.max(100, Math.min(2000, $(id).clientWidth));
    const shares = s.dtype === 'bool';
    const parts = s.magnitudes
        ? [['real', '--accent', '--accent-soft'], ['imag', '--second', '--second-soft']]
        : [['value', '--accent', '--accent-soft']];
    const bands = await Promise.all(parts.map(([part]) => lab.plot(columns, /** @type {import('./exprlab.js').Part} */ (part))));
    const n = bands[0].length / 2;
    const x = Array.from({ length: n }, (_, c) => ((c + 0.5) * length) / n);
    /** @type {number[][]} */
    const data = [x];
    for (const pairs of bands) {
        data.push(Array.from({ length: n }, (_, c) => pairs[2 * c]));
        // A share is its column's min and max both: one line.
        if (!shares) data.push(Array.from({ length: n }, (_, c) => pairs[2 * c + 1]));
    }
    draw(id, (em) => ({
        legend: { show: parts.length > 1 || shares },
        scales: { x: { time: false }, ...(shares ? { y: { range: [0, 1] } } : {}) },
        axes: [axis(em, { space: 5 * em, values: (_, ticks) => ticks.map(compact) }), axis(em, { size: 4.5 * em })],
        bands: shares ? [] : parts.map((_, k) => ({ series: [2 * k + 2, 2 * k + 1], fill: cssColor(parts[k][2]) })),
        series: shares ? [{ label: 'index' }, { label: 'share of true', stroke: cssColor('--accent'), points: { show: false } }] : [
            { label: 'index' },
            ...parts.flatMap(([part, stroke]) => [
                { label: part === 'value' ? 'min' : `${part} min`, stroke: cssColor(stroke), points: { show: false } },
                { label: part === 'value' ? 'max' : `${part} max`, stroke: cssColor(stroke), points: { show: false } },
            ]),
        ],
    }), /** @type {import('uplot').AlignedData} */ (/** @type {unknown} */ (data)));
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
 * How a complex picture is colored (`PICTURES` of experiment.js, with
 * the menu's words): domain coloring (hue the angle, brightness the
 * magnitude), or one real quantity in the color map.
 * @type {[import('./experiment.js').Picture, string][]}
 */
const COMPLEX_VIEWS = [
    ['domain', 'angle and magnitude'],
    ['abs', 'magnitude'],
    ['real', 'real part'],
    ['imag', 'imaginary part'],
];
/** The view the reader chose for complex pictures (a link's `picture`). @type {import('./experiment.js').Picture} */
let complexView = 'domain';
/** Told when the reader picks another view. @type {(view: import('./experiment.js').Picture) => void} */
let pictureChosen = () => {};

/** How complex pictures are drawn now: the link's, or the reader's choice since. */
export const complexShownAs = () => complexView;

/**
 * Sets how complex pictures are drawn (a link's `picture`), and what to
 * tell when the reader picks another way.
 * @param {import('./experiment.js').Picture} view
 * @param {(view: import('./experiment.js').Picture) => void} [chosen]
 */
export function showComplexAs(view, chosen) {
    complexView = view;
    if (chosen) pictureChosen = chosen;
}

/**
 * The RGB of hue `h` (turns) at lightness `l` (0 black, 0.5 full color, 1
 * white), fully saturated: HSL.
 * @param {number} h @param {number} l
 */
function hsl(h, l) {
    const a = Math.min(l, 1 - l);
    const f = (/** @type {number} */ n) => {
        const k = (n + 12 * h) % 12;
        return 255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1)));
    };
    return [f(0), f(8), f(4)];
}

/**
 * Domain coloring of pixels whose real and imaginary parts are `re` and
 * `im`: hue the angle (red on the positive reals, through yellow at pi/2,
 * cyan at pi), lightness `2/pi atan(|z|)` (black at zeros, full color on
 * the unit circle, white towards poles); NaNs left empty. With its legend:
 * a bar of hues from pi down to -pi.
 * @param {Float64Array} re @param {Float64Array} im @param {ImageData} image @param {number} height
 */
function domainColored(re, im, image, height) {
    re.forEach((x, i) => {
        const y = im[i];
        if (Number.isNaN(x) || Number.isNaN(y)) return;
        const turn = Math.atan2(y, x) / (2 * Math.PI);
        const rgb = hsl(turn < 0 ? turn + 1 : turn, (2 / Math.PI) * Math.atan(Math.hypot(x, y)));
        image.data.set([...rgb, 255], 4 * i);
    });
    const bar = canvasOf(1, 256, 'color-bar');
    bar.style.height = `${height}px`;
    const barImage = new ImageData(1, 256);
    // From an angle of pi at the top to -pi at the bottom.
    for (let i = 0; i < 256; i++) {
        const turn = 0.5 - i / 255;
        barImage.data.set([...hsl(turn < 0 ? turn + 1 : turn, 0.5), 255], 4 * i);
    }
    bar.getContext('2d')?.putImageData(barImage, 0, 0);
    return { bar, ticks: ['π', '0', '−π'] };
}

/**
 * `values` in the color map from `lo` to `hi` (NaN pixels left empty, and
 * all of them when the range is not finite); with its legend, a color bar
 * and three ticks.
 * @param {Float64Array} values @param {number} lo @param {number} hi @param {ImageData} image @param {number} height
 */
function mapped(values, lo, hi, image, height) {
    const finite = Number.isFinite(lo) && Number.isFinite(hi);
    values.forEach((v, i) => {
        if (Number.isNaN(v) || !finite) return;
        const p = 3 * Math.round(hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) * 255 : 128);
        image.data.set([palette[p], palette[p + 1], palette[p + 2], 255], 4 * i);
    });
    const bar = canvasOf(1, 256, 'color-bar');
    bar.style.height = `${height}px`;
    const barImage = new ImageData(1, 256);
    for (let i = 0; i < 256; i++) barImage.data.set([...palette.subarray(3 * (255 - i), 3 * (255 - i) + 3), 255], 4 * i);
    bar.getContext('2d')?.putImageData(barImage, 0, 0);
    // Four digits, and 0 for a midpoint that is 0 but for rounding.
    const tick = (/** @type {number} */ v) => (Math.abs(v) < 1e-9 * (hi - lo) ? '0' : String(Number(v.toPrecision(4))));
    return { bar, ticks: finite ? [hi, (lo + hi) / 2, lo].map(tick) : [] };
}

/** The smallest and largest finite values of `values`. @param {ArrayLike<number>} values */
function finiteRange(values) {
    let [lo, hi] = [Infinity, -Infinity];
    for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (!Number.isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
    }
    return [lo, hi];
}

/**
 * The last result of `lab` (summarised by `s`) as an image: its last
 * dimension across, the others down, each pixel the mean of the elements
 * it covers (decimated in wasm to the pixels drawn, so a 4000x4000 result
 * stays quick), colored from its smallest to its largest value, with a
 * color bar; NaN pixels are left empty. A complex result is domain
 * colored, or shows the magnitude or a part the reader picks.
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
        ? Math.max(60, box.clientHeight - 3.5 * em)
        : Math.min(480, Math.max(200, room.width * (down / across)));
    // Fit the elements' aspect in the room, neither side under 60 pixels.
    const scale = Math.min(room.width / across, room.height / down);
    const size = { width: Math.max(60, Math.min(room.width, across * scale)), height: Math.max(60, Math.min(room.height, down * scale)) };
    const dpr = window.devicePixelRatio || 1;
    const [width, height] = [Math.round(size.width * dpr), Math.round(size.height * dpr)];
    const complex = s.magnitudes;
    const pictures = await Promise.all(complex
        ? [lab.picture(width, height, 'real'), lab.picture(width, height, 'imag')]
        : [lab.picture(width, height)]);
    const [picture, imag] = pictures;
    if (!picture) return;
    const image = new ImageData(picture.width, picture.height);
    /** @type {{bar: HTMLCanvasElement, ticks: string[]}} */
    let legend;
    if (complex && imag && complexView === 'domain') {
        legend = domainColored(picture.pixels, imag.pixels, image, size.height);
    } else {
        const values = !complex || !imag ? picture.pixels
            : complexView === 'real' ? picture.pixels
                : complexView === 'imag' ? imag.pixels
                    : picture.pixels.map((x, i) => Math.hypot(x, imag.pixels[i]));
        // The result's own range (NaNs left out), which the pixels' means
        // lie in; the finite pixels' where it reaches an infinity or for a
        // part of a complex result.
        const [lo, hi] = !complex && Number.isFinite(s.min) && Number.isFinite(s.max) ? [s.min, s.max] : finiteRange(values);
        legend = mapped(values, lo, hi, image, size.height);
    }
    const canvas = canvasOf(picture.width, picture.height, 'picture');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `the result, of shape (${shape.join(', ')}), as an image`);
    canvas.style.width = `${size.width}px`;
    canvas.style.height = `${size.height}px`;
    canvas.getContext('2d')?.putImageData(image, 0, 0);
    const ticks = el('div', { class: 'color-ticks' });
    ticks.style.height = `${size.height}px`;
    ticks.replaceChildren(...legend.ticks.map((t) => el('span', { text: t })));
    const decimated = picture.width < across || picture.height < down;
    const note = [
        `(${shape.join(', ')}): ${shape.length > 2 ? 'the last dimension across, the others down' : 'rows down, columns across'}`,
        decimated ? `${picture.width} x ${picture.height} pixels, each the mean of its elements` : '',
        legend.ticks.length ? '' : 'no finite value to color',
        complex && complexView === 'domain' ? 'hue: the angle (red: positive reals); brightness: the magnitude (black: 0, full color: 1, white: large)' : '',
    ].filter(Boolean).join('; ');
    const parts = [el('span', { text: note })];
    if (complex) {
        const select = /** @type {HTMLSelectElement} */ (el('select', {}, COMPLEX_VIEWS.map(([value, text]) => {
            const option = /** @type {HTMLOptionElement} */ (el('option', { text }));
            option.value = value;
            return option;
        })));
        select.setAttribute('aria-label', 'what the picture of a complex result shows');
        select.value = complexView;
        select.addEventListener('change', () => {
            complexView = /** @type {import('./experiment.js').Picture} */ (select.value);
            pictureChosen(complexView);
            void drawPicture(id, lab, s);
        });
        parts.unshift(el('label', { class: 'picture-view' }, [el('span', { text: 'show ' }), select]));
    }
    charts[id]?.chart.destroy();
    box.replaceChildren(el('div', { class: 'picture-row' }, [canvas, legend.bar, ticks]), el('p', { class: 'muted picture-note' }, parts));
    charts[id] = { chart: { destroy: () => {} }, redraw: () => void drawPicture(id, lab, s) };
}
