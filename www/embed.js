// The embed view (embed.html): one experiment in a compact layout for an
// iframe in slides. It reads the experiment and its options from the
// URL's query and fragment, races on every thread when its parent is
// cross-origin isolated, follows reveal.js's `slide:start` / `slide:stop`
// and its own messages, and posts its figures to the parent:
//
//   to the embed:   'slide:start' | 'slide:stop'              (reveal.js)
//                   {type: 'exprlab:run'} | {type: 'exprlab:cancel'}
//                   {type: 'exprlab:set', experiment: '<link text>' | {expr, inputs, ...}, run?: boolean}
//   to the parent:  {type: 'exprlab:ready', threads, isolated}
//                   {type: 'exprlab:result', expr, threads, isolated, rows: [...]}
//                   {type: 'exprlab:error', message, cancelled}

import { CancelledError, Lab } from './exprlab.js';
import { $, el, seconds, ulpText } from './dom.js';
import { clearChart, drawResult, followLayout, showComplexAs } from './charts.js';
import { formatLink, parseExperiment } from './experiment.js';
import { entrants, race, threadNotes } from './race.js';
import { linkWriter, problemLine, readLocation } from './share.js';

/** @typedef {import('./race.js').Row} Row */
/** @typedef {import('./exprlab.js').Contender} Contender */

// What start() reads from the link and the page, and the engine it starts.
/** @type {ReturnType<typeof readLocation>} */
let linked;
/** @type {ReturnType<typeof readLocation>['experiment']} */
let experiment;
/** @type {ReturnType<typeof readLocation>['view']} */
let view;
/** @type {HTMLInputElement} */
let exprBox;
/** @type {Lab} */
let lab;
const saveLink = linkWriter(() => ({ experiment, view }), () => linkToLab());
const inFrame = window.parent !== window;

let running = false;
/**
 * The experiment's contenders, as the engine lists them.
 * @type {Contender[]}
 */
let list = [];
/** A run asked for before the engine was ready. */
let runWhenReady = false;

/** Posts `message` to the page that embeds this one (if any). @param {object} message */
function tell(message) {
    if (inFrame) window.parent.postMessage(message, '*');
}

/** @param {string} text */
function say(text) {
    $('message').textContent = text;
}

function applyView() {
    if (view.theme !== 'auto') document.documentElement.dataset.theme = view.theme;
    else delete document.documentElement.dataset.theme;
    exprBox.readOnly = !view.controls;
    $('run').hidden = !view.controls;
    $('cancel').hidden = !view.controls;
}

/** "open in ExprLab" opens this experiment in the lab. */
function linkToLab() {
    /** @type {HTMLAnchorElement} */ ($('open-lab')).href = `index.html#${formatLink(experiment, { picture: view.picture })}`;
}

/** The experiment's text on the page: the expression, the inputs, the link to the lab. */
function showExperiment() {
    exprBox.value = experiment.expr;
    $('inputs').textContent = experiment.inputs.map((r) => `${r.name} = ${r.value.trim()} : ${r.dtype}`).join('  ·  ');
    linkToLab();
    void listContenders();
}

/** Asks the engine for the experiment's contenders, and shows them unless a race runs. */
async function listContenders() {
    try {
        list = await lab.contenders(entrants(experiment));
    } catch (e) {
        if (!(e instanceof CancelledError)) say(/** @type {Error} */ (e).message);
        return;
    }
    if (!running) showBars([]);
}

/**
 * The race as bars, one per contender, as long as its time (the slowest
 * fills the track); `running` marks the one being timed.
 * @param {Row[]} rows
 * @param {number} [current] index of the contender being timed
 */
function showBars(rows, current) {
    const slowest = Math.max(...rows.map((r) => r.best));
    $('bars').replaceChildren(...list.map((c, i) => {
        const row = rows[i];
        const bar = el('div', { class: 'bar' });
        if (row) bar.style.width = `${(100 * row.best) / slowest}%`;
        const item = el('li', { class: row ? 'done' : i === current ? 'running' : 'pending' }, [
            el('span', { class: 'label', text: c.label }),
            el('div', { class: 'track' }, [bar]),
            el('span', { class: 'time', text: row ? seconds(row.best) : '' }),
            el('span', { class: 'speedup', text: row ? `${row.speedup.toFixed(1)}x` : '', title: row ? `max ULP difference: ${ulpText(row.ulps)}` : '' }),
        ]);
        return item;
    }));
}

function statusLine() {
    const engine = lab.describe();
    if (lab.problem) return `${engine}: ${lab.problem}`;
    if (lab.isolated) return `${engine} (cross-origin isolated)`;
    return inFrame
        ? `${engine}: the page around this one is not cross-origin isolated, so the browser gives it no shared memory`
        : `${engine}: this page is not cross-origin isolated (no COOP/COEP headers, and no service worker to add them)`;
}

function setRunning(/** @type {boolean} */ on) {
    running = on;
    $('run').toggleAttribute('disabled', on);
    $('cancel').toggleAttribute('disabled', !on);
    document.body.classList.toggle('busy', on);
}

async function run() {
    if (running) return;
    if (!document.body.dataset.ready) {
        runWhenReady = true;
        return;
    }
    setRunning(true);
    say('');
    try {
        list = await lab.contenders(entrants(experiment));
        showBars([], 0);
        const rows = await race(lab, structuredClone(experiment), {
            onRow: (_, done) => showBars(done, done.length),
        });
        const s = await lab.summary();
        if (s.length === undefined) clearChart('result-chart', `${experiment.expr} = ${s.mean}`);
        else await drawResult('result-chart', lab, s);
        $('status').textContent = [`${statusLine()}; best of ${experiment.repeats} repeats.`, threadNotes(rows)].filter(Boolean).join(' ');
        tell({
            type: 'exprlab:result', expr: experiment.expr, threads: lab.threads, isolated: lab.isolated,
            rows: rows.map(({ label, engine, simd, threads, threadsUsed, best, mean, std, loops, repeats, speedup, ulps }) =>
                ({ label, engine, simd, threads, threadsUsed, best, mean, std, loops, repeats, speedup, ulps })),
        });
    } catch (e) {
        const cancelled = e instanceof CancelledError;
        say(cancelled ? 'Cancelled.' : /** @type {Error} */ (e).message);
        showBars([]);
        tell({ type: 'exprlab:error', message: /** @type {Error} */ (e).message, cancelled });
    } finally {
        setRunning(false);
    }
}

function cancel() {
    runWhenReady = false;
    if (running) void lab.cancel();
}

/**
 * Reveal.js's messages and the embed's own; anything else is ignored with
 * a warning (other pages and extensions post messages too).
 * @param {MessageEvent} event
 */
function onMessage({ data }) {
    if (data === 'slide:start') {
        if (view.autorun) void run();
        return;
    }
    if (data === 'slide:stop') {
        cancel();
        return;
    }
    const type = typeof data === 'object' && data !== null ? data.type : undefined;
    if (type === 'exprlab:run') {
        void run();
    } else if (type === 'exprlab:cancel') {
        cancel();
    } else if (type === 'exprlab:set') {
        cancel();
        const read = parseExperiment(data.experiment, { experiment, view });
        say(problemLine(read.problems));
        for (const problem of read.problems) console.warn(`ExprLab: ${problem}`);
        showExperiment();
        saveLink();
        if (data.run === true) void run();
    } else {
        console.warn('ExprLab embed: ignored a message that is not slide:start, slide:stop or {type: "exprlab:run" | "exprlab:cancel" | "exprlab:set"}');
    }
}

function wire() {
    followLayout();
    window.addEventListener('message', onMessage);
    exprBox.addEventListener('input', () => {
        experiment.expr = exprBox.value;
        saveLink();
    });
    exprBox.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') {
            event.preventDefault();
            void run();
        }
    });
    $('run').onclick = () => void run();
    $('cancel').onclick = cancel;
}

/** Starts the view: the link's experiment, the form, the engine. */
export async function start() {
    linked = readLocation({ query: true });
    ({ experiment, view } = linked);
    showComplexAs(view.picture, (chosen) => {
        view.picture = chosen;
        saveLink();
    });
    // The embed's race, unless the link names thread counts: one thread and all of them.
    experiment.threads ??= [1, 'max'];
    exprBox = /** @type {HTMLInputElement} */ ($('expr'));
    lab = new Lab();
    wire();
    applyView();
    say(problemLine(linked.problems));
    showExperiment();
    try {
        await lab.ready;
    } catch (e) {
        $('status').textContent = /** @type {Error} */ (e).message;
        return;
    }
    $('status').textContent = statusLine();
    await listContenders();
    document.body.dataset.ready = 'true';
    tell({ type: 'exprlab:ready', threads: lab.threads, isolated: lab.isolated });
    if (view.autorun === true || view.run || runWhenReady) void run();
}

