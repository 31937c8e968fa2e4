// How a Lab (www/exprlab.js) starts its engine, without a browser: a
// stand-in Worker plays the engine's worker, and node's mock timers play
// the clock. Firefox sometimes stops the worker for good while it starts
// the thread pool (docs/threads.md): the worker beats while the pool
// starts, one silent for 3 s is replaced, and after three tries the engine
// runs on one thread and says why.

import { afterEach, beforeEach, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { Lab } from '../../www/exprlab.js';

/**
 * The engine's worker as the Lab sees it: `script` says what each new
 * worker posts, in order, by its place among the workers made.
 */
class StandIn {
    /** @type {StandIn[]} */
    static made = [];
    /** @type {(worker: StandIn, index: number) => object[]} */
    static script = () => [];

    /** @param {URL} url */
    constructor(url) {
        this.url = url;
        this.terminated = false;
        /** @type {((event: {data: any}) => void) | null} */
        this.onmessage = null;
        /** @type {any} */
        this.onerror = null;
        const index = StandIn.made.push(this) - 1;
        for (const data of StandIn.script(this, index)) {
            queueMicrotask(() => this.terminated || this.onmessage?.({ data }));
        }
    }

    postMessage() {}

    terminate() {
        this.terminated = true;
    }
}

const ready = (threads = 2) => ({ ready: { build: threads > 1 ? 'threads' : 'single', isolated: true, threads } });
const stall = () => [{ startingPool: true }];
/** @type {string[]} */
let warnings = [];

beforeEach(() => {
    StandIn.made = [];
    warnings = [];
    mock.timers.enable({ apis: ['setTimeout'] });
    mock.method(console, 'warn', (/** @type {string} */ message) => warnings.push(message));
    /** @type {any} */ (globalThis).Worker = StandIn;
});

afterEach(() => {
    mock.timers.reset();
    mock.restoreAll();
});

/** Lets the stand-ins' queued messages arrive. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('a pool that starts in time is used as it is', async () => {
    StandIn.script = () => [{ startingPool: true }, ready(2)];
    const lab = new Lab();
    await lab.ready;
    assert.equal(lab.threads, 2);
    assert.equal(lab.problem, null);
    assert.equal(StandIn.made.length, 1);
    mock.timers.tick(60_000);
    assert.equal(StandIn.made.length, 1, 'no deadline is left running');
    assert.deepEqual(warnings, []);
});

test('a worker silent for 3 s while its pool starts is replaced by a fresh one', async () => {
    StandIn.script = (_, index) => (index < 2 ? stall() : [{ startingPool: true }, ready(2)]);
    const lab = new Lab();
    let done = false;
    void lab.ready.then(() => { done = true; });
    await settle();
    mock.timers.tick(2_999);
    await settle();
    assert.equal(StandIn.made.length, 1, 'not replaced before its deadline');
    mock.timers.tick(1);
    await settle();
    assert.equal(StandIn.made.length, 2);
    assert.equal(StandIn.made[0].terminated, true);
    mock.timers.tick(3_000);
    await settle();
    await lab.ready;
    assert.equal(done, true);
    assert.equal(StandIn.made.length, 3);
    assert.deepEqual(StandIn.made.map((w) => w.url.searchParams.get('pool')), [null, null, null]);
    assert.equal(lab.threads, 2);
    assert.equal(lab.problem, null);
    assert.deepEqual(warnings, [
        'exprlab: the engine\'s worker stopped while its thread pool started (try 1 of 3); starting it again',
        'exprlab: the engine\'s worker stopped while its thread pool started (try 2 of 3); starting it again',
    ]);
});

test('a pool that starts slowly, beating, is waited for', async () => {
    StandIn.script = () => stall();
    const lab = new Lab();
    await settle();
    const [worker] = StandIn.made;
    for (let i = 0; i < 10; i++) {
        mock.timers.tick(2_500);
        worker.onmessage?.({ data: { startingPool: true } });
    }
    worker.onmessage?.({ data: ready(64) });
    await lab.ready;
    assert.equal(StandIn.made.length, 1);
    assert.equal(lab.threads, 64);
    assert.deepEqual(warnings, []);
});

test('after three tries the engine runs on one thread, and says why', async () => {
    StandIn.script = (worker) => (worker.url.searchParams.get('pool') === 'no' ? [ready(1)] : stall());
    const lab = new Lab();
    for (let i = 0; i < 3; i++) {
        await settle();
        mock.timers.tick(3_000);
    }
    await lab.ready;
    assert.equal(StandIn.made.length, 4);
    assert.equal(StandIn.made[3].url.searchParams.get('pool'), 'no');
    assert.equal(lab.threads, 1);
    assert.equal(lab.problem, 'the thread pool did not start in 3 tries; running on one thread');
    assert.equal(warnings.length, 3);
});

test('a cancel while the pool starts leaves no stale deadline behind', async () => {
    StandIn.script = (_, index) => (index === 0 ? stall() : [{ startingPool: true }, ready(2)]);
    const lab = new Lab();
    await settle();
    await lab.cancel();
    mock.timers.tick(60_000);
    await settle();
    assert.equal(StandIn.made.length, 2, 'the stopped worker\'s deadline starts nothing');
    assert.equal(lab.threads, 2);
    assert.deepEqual(warnings, []);
});

test('a lab without a pool never waits for one', async () => {
    StandIn.script = () => [ready(1)];
    const lab = new Lab({ pool: false });
    await lab.ready;
    assert.equal(StandIn.made[0].url.searchParams.get('pool'), 'no');
    assert.equal(lab.problem, null);
});
