// The lab page: the editor with live checking, the inputs, the race of the
// engines with its charts, the result's plot and summary, and the compiled
// program. All the work runs in workers through exprlab.js.

import uPlot from '../node_modules/uplot/dist/uPlot.esm.js';
import { CancelledError, Lab } from './exprlab.js';

/** @typedef {import('./exprlab.js').Vars} Vars */
/** @typedef {import('./exprlab.js').Types} Types */
/** @typedef {import('./exprlab.js').Figures} Figures */
/** @typedef {import('./exprlab.js').DType} DType */

/** @typedef {{name: string, value: string, dtype: DType}} InputRow */
/** @typedef {{title: string, expr: string, inputs: InputRow[]}} Example */

const DTYPES = /** @type {DType[]} */ (['float64', 'float32', 'int64', 'int32', 'bool']);

/** @type {Example[]} */
const EXAMPLES = [
    { title: 'sin(2πx)', expr: 'sin(2*pi*x)', inputs: [{ name: 'x', value: 'linspace(-1, 1, 1e6)', dtype: 'float64' }] },
    {
        title: '2a + 3b', expr: '2*a + 3*b', inputs: [
            { name: 'a', value: 'random(1e6, 1)', dtype: 'float64' },
            { name: 'b', value: 'random(1e6, 2)', dtype: 'float64' },
        ],
    },
    {
        title: 'sin²a + cos²b', expr: 'sin(a)**2 + cos(b)**2', inputs: [
            { name: 'a', value: 'normal(1e6, 1)', dtype: 'float64' },
            { name: 'b', value: 'normal(1e6, 2)', dtype: 'float64' },
        ],
    },
    { title: 'where', expr: 'where(a > 0, sqrt(a), 0)', inputs: [{ name: 'a', value: 'normal(1e6, 3)', dtype: 'float64' }] },
    { title: 'Gaussian', expr: 'exp(-x**2/2) / sqrt(2*pi)', inputs: [{ name: 'x', value: 'linspace(-5, 5, 1e6)', dtype: 'float64' }] },
    { title: 'polynomial', expr: '((.25*x + .75)*x - 1.5)*x - 2', inputs: [{ name: 'x', value: 'linspace(-1, 1, 1e6)', dtype: 'float64' }] },
    {
        title: 'sum (a reduction)', expr: 'sum(a*b)', inputs: [
            { name: 'a', value: 'random(1e6, 1)', dtype: 'float64' },
            { name: 'b', value: 'random(1e6, 2)', dtype: 'float64' },
        ],
    },
    {
        title: 'float32 with a scalar', expr: 't = 2*pi*x\nk*sin(t)**2 + cos(t)**2', inputs: [
            { name: 'x', value: 'linspace(0, 1, 1e6)', dtype: 'float32' },
            { name: 'k', value: '3', dtype: 'float32' },
        ],
    },
];

/** @param {string} id */
const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
const exprBox = /** @type {HTMLTextAreaElement} */ ($('expr'));

// ---------------------------------------------------------------- formatting

/** Seconds as the unit that fits. @param {number} s */
function seconds(s) {
    if (s < 1e-3) return `${(s * 1e6).toPrecision(4)} µs`;
    if (s < 1) return `${(s * 1e3).toPrecision(4)} ms`;
    return `${s.toPrecision(4)} s`;
}

/** @param {number} x */
const number = (x) => (Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : x.toPrecision(7));

/** @param {number | undefined} ulps */
function ulpText(ulps) {
    if (ulps === undefined) return '';
    if (!Number.isFinite(ulps)) return 'differs';
    return ulps === 0 ? 'same bits' : number(ulps);
}

/**
 * An element with text and children.
 * @param {string} tag
 * @param {{class?: string, text?: string, title?: string}} [props]
 * @param {(Node | string)[]} [children]
 */
function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    if (props.class) node.className = props.class;
    if (props.text !== undefined) node.textContent = props.text;
    if (props.title) node.title = props.title;
    node.append(...children);
    return node;
}

// ------------------------------------------------------------------- inputs

/** @type {InputRow[]} */
let inputRows = [];

function renderInputs() {
    const body = $('inputs');
    body.replaceChildren(...inputRows.map((row, i) => {
        const name = /** @type {HTMLInputElement} */ (el('input'));
        name.value = row.name;
        name.setAttribute('aria-label', 'name');
        name.size = 6;
        name.oninput = () => { row.name = name.value.trim(); changed(); };
        const value = /** @type {HTMLInputElement} */ (el('input'));
        value.value = row.value;
        value.setAttribute('aria-label', `value of ${row.name}`);
        value.oninput = () => { row.value = value.value; changed(); };
        const dtype = /** @type {HTMLSelectElement} */ (el('select', {}, DTYPES.map((d) => el('option', { text: d }))));
        dtype.value = row.dtype;
        dtype.setAttribute('aria-label', `dtype of ${row.name}`);
        dtype.onchange = () => { row.dtype = /** @type {DType} */ (dtype.value); changed(); };
        const remove = el('button', { class: 'small', text: '✕', title: 'remove this input' });
        remove.onclick = () => { inputRows.splice(i, 1); renderInputs(); changed(); };
        return el('tr', {}, [el('td', {}, [name]), el('td', {}, [value]), el('td', {}, [dtype]), el('td', {}, [remove])]);
    }));
}

/** A number written as a number: a scalar input. @param {string} text */
const isNumber = (text) => /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text);

/**
 * The race's inputs: constructors with the dtype as their last argument,
 * or scalars.
 * @returns {Vars}
 */
function vars() {
    /** @type {Vars} */
    const out = {};
    for (const { name, value, dtype } of inputRows) {
        if (!name) continue;
        if (isNumber(value)) {
            out[name] = { value: Number(value), dtype };
        } else {
            const text = value.trim();
            out[name] = text.endsWith(')') ? `${text.slice(0, -1)}, ${dtype})` : text;
        }
    }
    return out;
}

/** The inputs' declared types, for checking and disassembly. @returns {Types} */
function types() {
    /** @type {Types} */
    const out = {};
    for (const { name, value, dtype } of inputRows) {
        if (name) out[name] = isNumber(value) ? { dtype, scalar: true } : dtype;
    }
    return out;
}

// ------------------------------------------------------------------- editor

/** Underlines `start..end` of the expression (nothing when start is undefined). */
function underline(/** @type {number | undefined} */ start, /** @type {number | undefined} */ end) {
    const text = exprBox.value;
    const layer = $('highlights');
    if (start === undefined || end === undefined) {
        layer.replaceChildren(text + '\n');
        return;
    }
    // An empty span (the end of the text) marks one blank cell.
    const marked = end > start ? text.slice(start, end) : ' ';
    layer.replaceChildren(text.slice(0, start), el('mark', { text: marked }), text.slice(Math.max(end, start)) + '\n');
}

/** The lab that checks and disassembles: its own worker, so that typing stays live during a race. */
const checker = new Lab({ pool: false });
/** The lab that races. */
const lab = new Lab();

let checkSerial = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let checkTimer;

/** Checks the expression after a pause in typing; shows its error or its program. */
function changed() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 120);
    underline(undefined, undefined);
}

async function check() {
    const serial = ++checkSerial;
    const expr = exprBox.value;
    const message = $('check-message');
    try {
        const error = await checker.check(expr, types());
        if (serial !== checkSerial) return;
        if (error) {
            underline(error.start, error.end);
            message.textContent = error.message;
            message.className = 'check error';
            $('run').toggleAttribute('disabled', true);
        } else {
            underline(undefined, undefined);
            message.textContent = 'ok';
            message.className = 'check ok';
            $('run').toggleAttribute('disabled', running);
            $('program').textContent = await checker.disassemble(expr, types());
        }
    } catch (e) {
        if (serial !== checkSerial || e instanceof CancelledError) return;
        message.textContent = /** @type {Error} */ (e).message;
        message.className = 'check error';
    }
}

// -------------------------------------------------------------------- charts

/** A CSS custom property of the page (colors follow light and dark). @param {string} name */
const cssVar = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** @param {HTMLElement} box */
const chartSize = (box) => ({ width: Math.max(200, box.clientWidth), height: box.classList.contains('wide') ? 260 : 200 });

/** @returns {uPlot.Axis} */
function axis(/** @type {Partial<uPlot.Axis>} */ extra = {}) {
    const color = cssVar('--muted');
    return { stroke: color, grid: { stroke: cssVar('--grid') }, ticks: { stroke: cssVar('--grid') }, ...extra };
}

/** The charts drawn, with what draws them again (on resize or a change of color scheme). */
/** @type {Record<string, {chart: uPlot, redraw: () => void}>} */
const charts = {};

/**
 * Draws `data` in the chart of element `id`, made anew: sizes and colors
 * come from the page at that moment, so `options` is a function.
 * @param {string} id
 * @param {() => Omit<uPlot.Options, 'width' | 'height'>} options
 * @param {uPlot.AlignedData} data
 */
function draw(id, options, data) {
    charts[id]?.chart.destroy();
    const box = $(id);
    box.replaceChildren();
    const chart = new uPlot({ ...chartSize(box), ...options() }, data, box);
    charts[id] = { chart, redraw: () => draw(id, options, data) };
}

/** Removes the chart of element `id`, leaving `note` in its place. */
function clearChart(/** @type {string} */ id, /** @type {string} */ note) {
    charts[id]?.chart.destroy();
    delete charts[id];
    $(id).replaceChildren(el('p', { class: 'muted', text: note }));
}

function redrawAll() {
    for (const { redraw } of Object.values(charts)) redraw();
}

/** @param {{label: string, speedup: number}[]} rows */
function drawLadder(rows) {
    const labels = rows.map((r) => r.label);
    draw('ladder-chart', () => ({
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false, range: [-0.5, rows.length - 0.5] }, y: { range: (_, __, max) => [0, Math.max(1, max) * 1.1] } },
        axes: [
            axis({ values: (_, ticks) => ticks.map((t) => labels[t] ?? ''), splits: () => labels.map((_, i) => i), size: 40 }),
            axis({ values: (_, ticks) => ticks.map((t) => `${t}x`) }),
        ],
        series: [{}, { label: 'speedup', stroke: cssVar('--accent'), fill: cssVar('--accent-soft'), paths: uPlot.paths.bars?.({ size: [0.6, 80] }), points: { show: false } }],
    }), [labels.map((_, i) => i), rows.map((r) => r.speedup)]);
}

/** @param {{threads: number, speedup: number}[]} points */
function drawScaling(points) {
    const top = Math.max(...points.map((p) => p.threads));
    draw('scaling-chart', () => ({
        legend: { show: false },
        scales: { x: { time: false, range: [1, Math.max(2, top)] }, y: { range: (_, __, max) => [0, Math.max(top, max) * 1.05] } },
        axes: [axis({ values: (_, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')) }), axis({ values: (_, ticks) => ticks.map((t) => `${t}x`) })],
        series: [
            { label: 'threads' },
            { label: 'measured', stroke: cssVar('--accent'), width: 2, points: { size: 7 } },
            { label: 'ideal (dashed)', stroke: cssVar('--muted'), dash: [4, 4], points: { show: false } },
        ],
    }), [points.map((p) => p.threads), points.map((p) => p.speedup), points.map((p) => p.threads)]);
}

/** The result's plot: min and max of each pixel column, decimated in wasm. */
async function drawResult(/** @type {number} */ length) {
    const box = $('result-chart');
    const columns = Math.max(100, Math.min(2000, box.clientWidth));
    const pairs = await lab.plot(columns);
    const n = pairs.length / 2;
    const x = Array.from({ length: n }, (_, c) => ((c + 0.5) * length) / n);
    const lo = Array.from({ length: n }, (_, c) => pairs[2 * c]);
    const hi = Array.from({ length: n }, (_, c) => pairs[2 * c + 1]);
    draw('result-chart', () => ({
        legend: { show: false },
        scales: { x: { time: false } },
        axes: [axis(), axis({ size: 60 })],
        bands: [{ series: [2, 1], fill: cssVar('--accent-soft') }],
        series: [
            { label: 'index' },
            { label: 'min', stroke: cssVar('--accent'), points: { show: false } },
            { label: 'max', stroke: cssVar('--accent'), points: { show: false } },
        ],
    }), [x, lo, hi]);
}

// ---------------------------------------------------------------------- race

let running = false;

/** @param {boolean} on */
function setRunning(on) {
    running = on;
    $('run').toggleAttribute('disabled', on);
    $('cancel').toggleAttribute('disabled', !on);
    $('progress').hidden = !on;
    document.body.classList.toggle('busy', on);
}

/** @param {string} text @param {number} fraction */
function progress(text, fraction) {
    $('progress-text').textContent = text;
    /** @type {HTMLProgressElement} */ ($('progress-bar')).value = fraction;
}

/** @param {string} message */
function showError(message) {
    const box = $('run-error');
    box.textContent = message;
    box.hidden = !message;
}

/** The contenders: eager, vm scalar, vm SIMD on 1 thread, then on 2..N threads. */
function contenders() {
    const list = [
        { label: 'eager', engine: /** @type {const} */ ('eager'), simd: false, threads: 1 },
        { label: 'vm scalar', engine: /** @type {const} */ ('vm'), simd: false, threads: 1 },
        { label: 'vm SIMD', engine: /** @type {const} */ ('vm'), simd: true, threads: 1 },
    ];
    for (let t = 2; t <= lab.threads; t++) list.push({ label: `vm SIMD ×${t}`, engine: 'vm', simd: true, threads: t });
    return list;
}

async function race() {
    if (running) return;
    const expr = exprBox.value;
    const inputs = vars();
    const repeats = Math.max(1, Number(/** @type {HTMLInputElement} */ ($('repeats')).value) || 5);
    const loops = Number(/** @type {HTMLInputElement} */ ($('loops')).value) || undefined;
    setRunning(true);
    showError('');
    const list = contenders();
    /** @type {(Figures & {label: string, threads: number})[]} */
    const done = [];
    const body = $('race');
    body.replaceChildren();
    $('agreement').textContent = '';
    try {
        progress('building the inputs…', 0);
        for (const [i, c] of list.entries()) {
            progress(`${c.label}: warming up`, i / list.length);
            const figures = await lab.time(expr, inputs, {
                ...c, repeats, loops, reference: i === 0,
                onProgress: (r, total) => progress(`${c.label}: repeat ${r} of ${total}`, (i + r / total) / list.length),
            });
            done.push({ ...figures, label: c.label, threads: c.threads });
            const eager = done[0].best;
            body.append(el('tr', {}, [
                el('td', { text: c.label }), el('td', { text: String(c.threads) }),
                el('td', { text: seconds(figures.best) }),
                el('td', { text: `${seconds(figures.mean)} ± ${seconds(figures.std)}`, title: `${figures.repeats} repeats of ${figures.loops} loops` }),
                el('td', { text: `${(eager / figures.best).toFixed(2)}x` }),
                el('td', { text: ulpText(figures.ulps), class: figures.ulps === 0 ? 'ok' : '' }),
            ]));
        }
        const worst = Math.max(...done.map((d) => d.ulps ?? 0));
        $('agreement').textContent = Number.isFinite(worst)
            ? `All engines agree: the largest difference from eager is ${worst === 0 ? '0 ULP (the same bits)' : `${number(worst)} ULP`}.`
            : 'The engines disagree: some results differ in class (a NaN against a number) or in size.';
        drawLadder(done.map((d) => ({ label: d.threads > 1 ? `×${d.threads}` : d.label, speedup: done[0].best / d.best })));
        const simd = done.filter((d) => d.label.startsWith('vm SIMD'));
        drawScaling(simd.map((d) => ({ threads: d.threads, speedup: simd[0].best / d.best })));
        await showResult();
    } catch (e) {
        if (e instanceof CancelledError) {
            showError('Cancelled: the worker was stopped and a fresh one started.');
        } else {
            showError(/** @type {Error} */ (e).message);
        }
    } finally {
        setRunning(false);
        void check();
    }
}

/** The summary and plot of the last result. */
async function showResult() {
    const s = await lab.summary();
    const items = s.length === undefined
        ? [['dtype', s.dtype], ['value', number(s.mean)]]
        : [['dtype', s.dtype], ['length', number(s.length)], ['min', number(s.min)], ['max', number(s.max)], ['mean', number(s.mean)], ['NaNs', String(s.nans)]];
    $('summary').replaceChildren(...items.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    if (s.length === undefined) {
        clearChart('result-chart', 'A reduction: one value, nothing to plot.');
    } else {
        await drawResult(s.length);
    }
}

// -------------------------------------------------------------------- wiring

/** @param {Example} example */
function load(example) {
    exprBox.value = example.expr;
    inputRows = example.inputs.map((r) => ({ ...r }));
    renderInputs();
    changed();
}

function wire() {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let resizing;
    window.addEventListener('resize', () => {
        clearTimeout(resizing);
        resizing = setTimeout(redrawAll, 150);
    });
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', redrawAll);
    $('gallery').replaceChildren(...EXAMPLES.map((example) => {
        const button = el('button', { class: 'example', text: example.title, title: example.expr });
        button.setAttribute('role', 'listitem');
        button.onclick = () => load(example);
        return button;
    }));
    exprBox.addEventListener('input', changed);
    exprBox.addEventListener('scroll', () => {
        const backdrop = /** @type {HTMLElement} */ (document.querySelector('.backdrop'));
        backdrop.scrollTop = exprBox.scrollTop;
        backdrop.scrollLeft = exprBox.scrollLeft;
    });
    document.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            if (!$('run').hasAttribute('disabled')) void race();
        }
    });
    $('run').onclick = () => void race();
    $('cancel').onclick = () => void lab.cancel();
    $('add-input').onclick = () => {
        inputRows.push({ name: `v${inputRows.length}`, value: 'zeros(1e6)', dtype: 'float64' });
        renderInputs();
        changed();
    };
    load(EXAMPLES[0]);
}

async function start() {
    wire();
    const status = $('engine-status');
    try {
        await lab.ready;
        status.textContent = lab.isolated
            ? `engine ready: SIMD, ${lab.threads} threads`
            : 'engine ready: SIMD, 1 thread';
        status.classList.add('ok');
        $('isolation-banner').hidden = lab.isolated;
        document.body.dataset.ready = 'true';
    } catch (e) {
        status.textContent = /** @type {Error} */ (e).message;
        status.classList.add('error');
    }
}

void start();
