// The lab page: the editor with live checking, the inputs, the race of the
// engines with its charts, the result's plot and summary, and the compiled
// program; the experiment lives in the URL's fragment. All the work runs
// in workers through exprlab.js. Nothing happens at import: www/main.js
// calls start().

import { CancelledError, Lab } from './exprlab.js';
import { $, el, number, rate, seconds, ulpText } from './dom.js';
import { clearChart, complexShownAs, drawLadder, drawResult, drawScaling, followLayout, showComplexAs } from './charts.js';
import { ENGINES, classic, parseLink, setField, types } from './experiment.js';
import { agreement, boundText, chartedBounds, race, scaling, streamBounds, threadNotes, threadsText } from './race.js';
import { copyLink, linkWriter, problemLine, readLocation } from './share.js';
import { insertCall, renderFunctions } from './functions.js';
import { renderInputs } from './inputs.js';
import { followScroll, underline } from './editor.js';

/** @typedef {import('./experiment.js').Experiment} Experiment */
/** @typedef {import('./race.js').Row} Row */

/** The gallery: a title and the link text of each example. */
const EXAMPLES = [
    ['sin(2πx)', 'expr=sin(2*pi*x)&x=linspace(-1, 1, 1e6)'],
    ['2a + 3b', 'expr=2*a + 3*b&a=random(1e6, 1)&b=random(1e6, 2)'],
    ['sin²a + cos²b', 'expr=sin(a)**2 + cos(b)**2&a=normal(1e6, 1)&b=normal(1e6, 2)'],
    ['where', 'expr=where(a > 0, sqrt(a), 0)&a=normal(1e6, 3)'],
    ['Gaussian', 'expr=exp(-x**2/2) / sqrt(2*pi)&x=linspace(-5, 5, 1e6)'],
    ['polynomial', 'expr=((.25*x + .75)*x - 1.5)*x - 2&x=linspace(-1, 1, 1e6)'],
    ['sum (a reduction)', 'expr=sum(a*b)&a=random(1e6, 1)&b=random(1e6, 2)'],
    ['interference (2-D)', 'expr=sin(x**2 + y**2)&x=linspace(-8, 8, 1200, axis=1)&y=linspace(-6, 6, 900, axis=0)'],
    ['column means', 'expr=mean(sin(x*y), axis=0)&x=linspace(0, 4, 1000, axis=1)&y=linspace(0, 4, 1000, axis=0)'],
    ['sin(z)/z (complex)', 'expr=z = x + 1j*y; sin(z)/z&x=linspace(-6, 6, 1200, axis=1)&y=linspace(-4, 4, 800, axis=0)'],
    ['words (byte strings)', "expr=contains(s, b'ab') | (s < b'b')&s=random(1e6, 1, S8):bytes"],
    ['float32 with a scalar', 'expr=t = 2*pi*x%0Ak*sin(t)**2 + cos(t)**2&x=linspace(0, 1, 1e6):float32&k=3:float32'],
].map(([title, link]) => ({ title, experiment: parseLink(link).experiment }));

// The form's boxes, found by start().
/** @type {HTMLTextAreaElement} */
let exprBox;
/** @type {HTMLInputElement} */
let repeatsBox;
/** @type {HTMLInputElement} */
let loopsBox;
/** @type {HTMLInputElement} */
let threadsBox;

/** The experiment on the page; the form edits it in place. */
let experiment = classic();

// -------------------------------------------------------------------- form

const showInputs = () => renderInputs($('inputs'), experiment.inputs, changed);

/** The race's settings from the form into the experiment; what is wrong is said under the controls. */
function readControls() {
    const engines = ENGINES.filter((e) => /** @type {HTMLInputElement} */ ($(`engine-${e}`)).checked);
    const threads = threadsBox.value.replace(/\s+/g, '');
    if (!threads) experiment.threads = undefined;
    return [
        setField(experiment, 'repeats', repeatsBox.value.trim() || String(classic().repeats)),
        setField(experiment, 'loops', loopsBox.value.trim() || 'auto'),
        threads ? setField(experiment, 'threads', threads) : undefined,
        setField(experiment, 'engines', engines.join(',')),
    ].filter(Boolean);
}

/** The form shows `experiment`. */
function showExperiment() {
    exprBox.value = experiment.expr;
    repeatsBox.value = String(experiment.repeats);
    loopsBox.value = experiment.loops === undefined ? '' : String(experiment.loops);
    threadsBox.value = experiment.threads?.join(',') ?? '';
    for (const e of ENGINES) /** @type {HTMLInputElement} */ ($(`engine-${e}`)).checked = experiment.engines.includes(e);
    showInputs();
    changed();
}

// ------------------------------------------------------------------- editor

/** Underlines `start..end` of the expression (nothing when start is undefined). */
const mark = (/** @type {number | undefined} */ start, /** @type {number | undefined} */ end) =>
    underline(exprBox, $('highlights'), start, end);

/**
 * The lab that checks and disassembles: its own worker, so that typing stays live during a race.
 * @type {Lab}
 */
let checker;
/** The lab that races. @type {Lab} */
let lab;

let checkSerial = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let checkTimer;
const saveLink = linkWriter(() => ({ experiment, view: { picture: complexShownAs() } }), (link) => {
    /** @type {HTMLAnchorElement} */ ($('embed-link')).href = `embed.html#${link}`;
});

/** After an edit: the URL keeps the experiment, and the expression is checked after a pause in typing. */
function changed() {
    experiment.expr = exprBox.value;
    const problems = readControls();
    $('controls-message').textContent = problems.join('; ');
    saveLink();
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 120);
    mark(undefined, undefined);
}

async function check() {
    const serial = ++checkSerial;
    const expr = exprBox.value;
    const message = $('check-message');
    const declared = types(experiment.inputs);
    try {
        const error = await checker.check(expr, declared);
        if (serial !== checkSerial) return;
        if (error) {
            mark(error.start, error.end);
            message.textContent = error.message;
            message.className = 'check error';
            $('run').toggleAttribute('disabled', true);
        } else {
            mark(undefined, undefined);
            message.textContent = 'ok';
            message.className = 'check ok';
            $('run').toggleAttribute('disabled', running);
            $('program').textContent = await checker.disassemble(expr, declared);
        }
    } catch (e) {
        if (serial !== checkSerial || e instanceof CancelledError) return;
        message.textContent = /** @type {Error} */ (e).message;
        message.className = 'check error';
    }
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

/** @param {Row} row */
function raceRow(row) {
    return el('tr', {}, [
        el('td', { text: row.label }), el('td', { text: threadsText(row), title: row.threadsWhy ?? '' }),
        el('td', { text: seconds(row.best) }),
        el('td', { text: `${seconds(row.mean)} ± ${seconds(row.std)}`, title: `${row.repeats} repeats of ${row.loops} loops` }),
        el('td', { text: `${row.speedup.toFixed(2)}x` }),
        el('td', { text: ulpText(row.ulps), class: row.ulps === 0 ? 'ok' : '' }),
        el('td', { text: rate(row.elements / row.best, 'el') }),
        el('td', { text: rate(row.bytes / row.best, 'B') }),
    ]);
}

async function runRace() {
    if (running) return;
    setRunning(true);
    showError('');
    const body = $('race');
    body.replaceChildren();
    $('agreement').textContent = '';
    $('bound').textContent = '';
    try {
        const rows = await race(lab, structuredClone(experiment), {
            onProgress: progress,
            onRow: (_, rows) => body.replaceChildren(...rows.map(raceRow)),
        });
        $('agreement').textContent = [agreement(rows), threadNotes(rows)].filter(Boolean).join(' ');
        progress('the stream bound: copying the same bytes…', 1);
        const bounds = await streamBounds(lab, experiment, rows);
        $('bound').textContent = boundText(bounds, rows);
        drawLadder('ladder-chart', rows.map((r) => ({ label: r.threads > 1 ? `×${r.threads}` : r.label, speedup: r.speedup })),
            chartedBounds(bounds, rows).map((b) => ({ speedup: rows[0].best / b.best, dotted: b.threads > 1 })));
        const points = scaling(rows);
        if (points.length > 1) drawScaling('scaling-chart', points);
        else clearChart('scaling-chart', 'One thread count raced: nothing to scale.');
        await showResult();
    } catch (e) {
        if (e instanceof CancelledError) {
            showError('Cancelled: the worker was stopped and a fresh one started.');
        } else {
            showError(/** @type {Error} */ (e).message);
        }
        clearResults();
    } finally {
        setRunning(false);
        void check();
    }
}

/** No charts or summary of an earlier run next to a race that did not finish. */
function clearResults() {
    clearChart('ladder-chart', 'No speedups: the last run did not finish.');
    clearChart('scaling-chart', 'No scaling: the last run did not finish.');
    clearChart('result-chart', 'No result: the last run did not finish.');
    $('summary').replaceChildren();
}

/** The summary and plot of the last result. */
async function showResult() {
    const s = await lab.summary();
    // A result of another shape than 1-D by its shape (plotted in C order).
    const size = s.shape && s.shape.length !== 1
        ? ['shape', `(${s.shape.join(', ')})`]
        : ['length', number(s.length ?? 0)];
    // A complex result is summed up by its magnitudes.
    const of = s.magnitudes ? ' |z|' : '';
    const items = s.length === undefined
        ? [['dtype', s.dtype], ['value', s.value ?? number(s.mean)]]
        : [['dtype', s.dtype], size, [`min${of}`, number(s.min)], [`max${of}`, number(s.max)], [`mean${of}`, number(s.mean)], ['NaNs', String(s.nans)]];
    $('summary').replaceChildren(...items.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    if (s.length === undefined) {
        clearChart('result-chart', 'One value (a reduction, or an expression of scalars): nothing to plot.');
    } else {
        await drawResult('result-chart', lab, s);
    }
}

// -------------------------------------------------------------------- wiring

function wire() {
    followLayout();
    $('gallery').replaceChildren(...EXAMPLES.map(({ title, experiment: example }) => {
        const button = el('button', { class: 'example', text: title, title: example.expr });
        button.setAttribute('role', 'listitem');
        button.onclick = () => {
            experiment = { ...structuredClone(example), repeats: experiment.repeats, loops: experiment.loops, threads: experiment.threads };
            showExperiment();
        };
        return button;
    }));
    for (const box of [exprBox, repeatsBox, loopsBox, threadsBox]) box.addEventListener('input', changed);
    for (const e of ENGINES) $(`engine-${e}`).addEventListener('change', changed);
    followScroll(exprBox, /** @type {HTMLElement} */ (document.querySelector('.backdrop')));
    document.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            if (!$('run').hasAttribute('disabled')) void runRace();
        }
    });
    $('run').onclick = () => void runRace();
    $('cancel').onclick = () => void lab.cancel();
    $('add-input').onclick = () => {
        experiment.inputs.push({ name: `v${experiment.inputs.length}`, value: 'zeros(1e6)', dtype: 'float64' });
        showInputs();
        changed();
    };
    $('copy-link').onclick = async () => {
        // An edit of the last moment is in the link too.
        saveLink.flush();
        const copied = await copyLink(location.href, /** @type {HTMLInputElement} */ ($('link-box')));
        $('copy-status').textContent = copied ? 'Link copied.' : 'Copy the selected link:';
    };
}

/** The function reference, from the engine's catalogue. */
async function showFunctions() {
    try {
        renderFunctions($('functions'), await checker.functions(), (f) => {
            insertCall(exprBox, f);
            changed();
        });
    } catch (e) {
        $('functions').textContent = `The function list is unavailable: ${/** @type {Error} */ (e).message}`;
    }
}

/** Starts the page: the form, the link's experiment, the two engines. */
export async function start() {
    exprBox = /** @type {HTMLTextAreaElement} */ ($('expr'));
    repeatsBox = /** @type {HTMLInputElement} */ ($('repeats'));
    loopsBox = /** @type {HTMLInputElement} */ ($('loops'));
    threadsBox = /** @type {HTMLInputElement} */ ($('threads'));
    const linked = readLocation();
    experiment = linked.experiment;
    showComplexAs(linked.view.picture, () => saveLink());
    $('link-message').textContent = problemLine(linked.problems);
    $('link-message').hidden = !linked.problems.length;
    wire();
    showExperiment();
    checker = new Lab({ pool: false });
    lab = new Lab();
    void showFunctions();
    const status = $('engine-status');
    try {
        await lab.ready;
        status.textContent = `engine ready: ${lab.describe()}${lab.problem ? ` (${lab.problem})` : ''}`;
        status.classList.add('ok');
        $('isolation-banner').hidden = lab.isolated;
        document.body.dataset.ready = 'true';
        if (linked.view.run) {
            await check();
            if (!$('run').hasAttribute('disabled')) void runRace();
        }
    } catch (e) {
        status.textContent = /** @type {Error} */ (e).message;
        status.classList.add('error');
    }
}

