// The lab page end to end in Debian's headless Chromium, driven by
// playwright-core, served as `./run serve` serves it (the npm `serve` with
// serve.json's COOP/COEP and CSP headers). Needs both wasm packages built
// (`./run build`). Run by `./run test`: `node --test tests/e2e/`.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, open as openPage, race, serve, setInputs } from '../../scripts/browser.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');

/** @type {import('playwright-core').BrowserContext} */
let browser;
let closeBrowser = async () => {};
const servers = [];

before(async () => {
    ({ context: browser, close: closeBrowser } = await launch());
    mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
    await closeBrowser();
    for (const stop of servers) stop();
});

/** Opens the lab and waits for its engine. @param {string} url */
const open = (url) => openPage(browser, url);

/** Sets the editor's text as typing would. */
async function type(page, text) {
    await page.fill('#expr', text);
}

/** Runs the race, 1 loop of 1 repeat unless told. */
const run = (page, options = {}) => race(page, { repeats: 1, loops: 1, ...options });

describe('the lab page, cross-origin isolated', () => {
    let url;
    before(async () => {
        const s = await serve();
        servers.push(s.stop);
        url = s.url;
    });

    test('loads with no console errors, isolated, with a thread per core', async () => {
        const { page, errors } = await open(url);
        assert.equal(await page.evaluate(() => crossOriginIsolated), true);
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        assert.equal(await page.textContent('#engine-status'), `engine ready: relaxed SIMD, ${cores} threads`);
        assert.equal(await page.isVisible('#isolation-banner'), false);
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the function reference lists the engine\'s functions and puts a call into the editor', async () => {
        const { page, errors } = await open(url);
        await page.click('#functions-panel summary');
        await page.waitForSelector('#functions button.call');
        const calls = await page.$$eval('#functions button.call', (bs) => bs.map((b) => b.textContent));
        // The op table's functions, clip, ones_like and the five reductions.
        for (const call of ['sin(x)', 'cbrt(x)', 'arctan2(a, b)', 'where(c, a, b)', 'clip(x, lo, hi)', 'sum(x)']) {
            assert.ok(calls.includes(call), `${call} in ${calls}`);
        }
        assert.equal(new Set(calls).size, calls.length);
        const hypot = page.locator('#functions dd', { has: page.locator('.kernel') }).nth(calls.indexOf('hypot(a, b)'));
        assert.match(await hypot.textContent(), /without overflow.*simd 2 ulp/);
        // Around the selection: `2*pi*x` becomes `cbrt(2*pi*x)`, and the page checks it.
        await page.$eval('#expr', (t) => /** @type {HTMLTextAreaElement} */ (t).setSelectionRange(4, 10));
        await page.click('#functions button.call:text-is("cbrt(x)")');
        assert.equal(await page.inputValue('#expr'), 'sin(cbrt(2*pi*x))');
        await page.waitForFunction(() => document.querySelector('#program')?.textContent?.includes('cbrt.f64'));
        assert.equal(await page.textContent('#check-message'), 'ok');
        await page.screenshot({ path: join(SHOTS, 'functions.png') });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the classic runs on every thread count and agrees with eager', async () => {
        const { page, errors } = await open(url);
        assert.equal(await page.inputValue('#expr'), 'sin(2*pi*x)');
        const rows = await run(page);
        assert.equal(await page.isVisible('#run-error'), false, await page.textContent('#run-error'));
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        const labels = rows.map((r) => r[0]);
        assert.deepEqual(labels.slice(0, 3), ['eager', 'vm scalar', 'vm SIMD']);
        assert.equal(labels.length, 2 + cores);
        assert.ok(cores >= 2, 'this test wants at least 2 cores');
        assert.deepEqual(rows.map((r) => Number(r[1])), [1, 1, ...Array.from({ length: cores }, (_, i) => i + 1)]);
        // The last column: ULPs from eager; the scalar VM gives its bits.
        assert.equal(rows[1][5], 'same bits');
        for (const row of rows.slice(2)) {
            assert.ok(row[5] === 'same bits' || Number(row[5]) <= 2, `${row[0]}: ${row[5]}`);
        }
        assert.match(await page.textContent('#agreement'), /^All engines agree/);
        // What bounds the run: 1e6 float64 read and 1e6 written, 16 MB; each
        // engine's rate, and the stream bound on 1 thread and on the most
        // used, against the fastest contender (whichever it was); sin is far
        // from it, so the bound is left off the speedup chart, and said so.
        // At 1280 px every column of the race shows, none behind a scroll.
        const fit = await page.$eval('table.race', (t) => [t.scrollWidth, t.parentElement.clientWidth]);
        assert.ok(fit[0] <= fit[1], `the race table is ${fit[0]} px wide in ${fit[1]} px`);
        for (const row of rows) {
            assert.match(row[6], /^[0-9.]+ [kMG]el\/s$/, row.join(' | '));
            assert.match(row[7], /^[0-9.]+ [kMG]B\/s$/, row.join(' | '));
        }
        assert.match(await page.textContent('#bound'),
            new RegExp(`^Stream bound \\(a copy of the same 16\\.0 MB in the engine's worker\\): .+ on 1 thread \\(.+B/s\\), .+ on ${cores} \\(.+B/s\\); (eager|vm scalar|vm SIMD|vm SIMD ×[0-9]+) runs at [0-9.]+ of it\\. `
                + 'Bound by arithmetic, not memory: the stream bound is more than 3x faster than every engine and left off the speedup chart\\.$'));
        const summary = await page.textContent('#summary');
        assert.match(summary, /float64/);
        assert.match(summary, /length1000000/);
        assert.match(summary, /min-1\.000000/);
        assert.match(summary, /max1\.000000/);
        assert.match(summary, /NaNs0/);
        assert.equal(await page.locator('#result-chart canvas').count(), 1);
        assert.equal(await page.locator('#ladder-chart canvas').count(), 1);
        assert.equal(await page.locator('#scaling-chart canvas').count(), 1);
        assert.match(await page.textContent('#program'), /sin/);
        await page.screenshot({ path: join(SHOTS, 'lab.png') });
        // Dark: the page's colors follow, and the charts are drawn again in them.
        await page.emulateMedia({ colorScheme: 'dark' });
        await page.waitForFunction(() => getComputedStyle(document.body).backgroundColor === 'rgb(18, 20, 23)');
        assert.equal(await page.locator('#result-chart canvas').count(), 1);
        await page.screenshot({ path: join(SHOTS, 'lab-dark.png') });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a bad expression is underlined at its span; then a good one runs', async () => {
        const { page } = await open(url);
        await type(page, 'sin(2*pi*x) + cos(yy)');
        await page.waitForSelector('#check-message.error');
        assert.equal(await page.textContent('#check-message'), 'unknown name `yy`');
        assert.equal(await page.textContent('#highlights mark'), 'yy');
        // The mark sits under the characters 18..20 of the text.
        const before = await page.$eval('#highlights', (h) => h.firstChild.textContent);
        assert.equal(before, 'sin(2*pi*x) + cos(');
        assert.equal(await page.isDisabled('#run'), true);
        await type(page, 'sin(2*pi*x) + cos(x');
        await page.waitForFunction(() => document.querySelector('#check-message').textContent !== 'unknown name `yy`');
        assert.match(await page.textContent('#check-message'), /expected/);
        await type(page, 'cos(2*pi*x)');
        const rows = await run(page);
        assert.equal(rows[0][0], 'eager');
        assert.equal(await page.isVisible('#run-error'), false);
        assert.match(await page.textContent('#agreement'), /^All engines agree/);
        await page.close();
    });

    test('uses fewer threads where more would not pay, and says so', async () => {
        const { page } = await open(url);
        await setInputs(page, [['x', 'linspace(-1, 1, 1e4)', 'float64']]);
        await type(page, '2*x + 1');
        const rows = await run(page);
        const cores = await page.evaluate(() => navigator.hardwareConcurrency);
        // 10,000 elements of three cheap float64 ops: one thread pays.
        assert.deepEqual(rows.at(-1).slice(0, 2), [`vm SIMD ×${cores}`, `${cores} (1 used)`]);
        assert.match(await page.textContent('#agreement'),
            new RegExp(`vm SIMD ×${cores}: ${cores} asked, 1 used: 10,000 elements \\(2 pay from [0-9,]+ of this program\\)\\.`));
        await page.close();
    });

    test('Cancel stops a long run, and the next run works', async () => {
        const { page } = await open(url);
        await setInputs(page, [['x', 'linspace(0, 1, 1e7)', 'float64']]);
        await type(page, 'sin(x)**2 + cos(x)**2');
        await page.fill('#repeats', '50');
        await page.fill('#loops', '50');
        await page.waitForSelector('#check-message.ok');
        await page.click('#run');
        await page.waitForFunction(() => document.querySelector('#progress-text').textContent.includes('eager'));
        const started = Date.now();
        await page.click('#cancel');
        await page.waitForFunction(() => !document.body.classList.contains('busy'), null, { timeout: 10_000 });
        assert.ok(Date.now() - started < 5_000, 'the cancel took too long');
        assert.match(await page.textContent('#run-error'), /^Cancelled/);
        // The page stayed responsive and the fresh engine runs.
        await setInputs(page, [['x', 'linspace(0, 1, 1000)', 'float64']]);
        const rows = await run(page);
        assert.equal(rows[0][0], 'eager');
        assert.equal(await page.isVisible('#run-error'), false);
        await page.close();
    });

    test('an array too large for memory is a clear error, and the next run works', async () => {
        const { page } = await open(url);
        await setInputs(page, [['x', 'linspace(0, 1, 1e9)', 'float64']]);
        await type(page, '2*x');
        await run(page);
        const message = await page.textContent('#run-error');
        assert.equal(message, 'error: cannot allocate an array of 1000000000 elements (7629 MiB): not enough memory');
        await setInputs(page, [['x', 'linspace(0, 1, 1e5)', 'float64']]);
        const rows = await run(page);
        assert.equal(await page.isVisible('#run-error'), false, await page.textContent('#run-error'));
        assert.equal(rows[0][0], 'eager');
        await page.close();
    });

    test('the JavaScript API works on its own', async () => {
        const { page } = await open(url);
        const out = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const lab = await createLab();
            const y = await lab.evaluate('sin(2*pi*x)', { x: new Float64Array([0, 0.25, 0.5]) });
            const total = await lab.evaluate('sum(i)', { i: 'arange(10, int64)' });
            // A bigint is an exact int64 scalar.
            const big = await lab.evaluate('k + 1', { k: 2n ** 62n });
            const b = await lab.evaluate('a > 1', { a: new Int32Array([0, 1, 2]) });
            // A number is a float64 input, which promotes float32 as a NumPy float64 would.
            const f = await lab.evaluate('x*k', { x: 'linspace(0, 1, 3, float32)', k: { value: 2, dtype: 'float32' } }, { threads: 2 });
            const g = await lab.evaluate('x*k', { x: 'linspace(0, 1, 3, float32)', k: 2 });
            // A constructor with its dtype apart; naming another dtype in the text is an error.
            const c = await lab.evaluate('i + 1', { i: { constructor: 'arange(3)', dtype: 'int32' } });
            // Small and unsigned integers promote as NumPy 2's; a Uint8Array is bool unless declared uint8.
            const small = await lab.evaluate('a + b', { a: new Int8Array([100, -100]), b: { data: new Uint8Array([200, 1]), dtype: 'uint8' } });
            const wraps = await lab.evaluate('u * 2', { u: new Uint16Array([40000, 3]) });
            const u64 = await lab.evaluate('sum(u)', { u: new BigUint64Array([2n ** 63n, 5n]) });
            // complex128: parts interleaved in a Float64Array declared complex128, in and out.
            const parts = { data: new Float64Array([1, 2, -3, 0.5]), dtype: 'complex128' };
            const z = await lab.evaluate('z * 1j + 1', { z: parts });
            const zsum = await lab.evaluate('sum(z)', { z: parts });
            const zabs = await lab.evaluate('abs(z * 0 + 3 + 4j)', { z: parts });
            let odd = '';
            await lab.evaluate('z', { z: { data: new Float64Array(3), dtype: 'complex128' } }).catch((e) => { odd = e.message; });
            // Byte strings: a list of strings, or NumPy's layout declared S<width>; bools out,
            // and the strings themselves as NumPy's bytes, NUL-padded.
            const found = await lab.evaluate("contains(s, b'ab') | (s == t)", { s: ['abc', 'xyz', ''], t: { data: new Uint8Array([0, 0, 0, 120, 121, 122, 0, 0, 0]), dtype: 'S3' } });
            const copied = await lab.evaluate('s', { s: { data: ['a', 'bcd', 'é', ''], shape: [2, 2] } });
            let mixed = '';
            await lab.evaluate('s + 1', { s: ['a'] }).catch((e) => { mixed = e.message; });
            let numberAsBytes = '';
            await lab.evaluate('s', { s: { value: 1, dtype: 'S1' } }).catch((e) => { numberAsBytes = e.message; });
            let wrongType = '';
            await lab.evaluate('a', { a: { data: new Int16Array(2), dtype: 'uint8' } }).catch((e) => { wrongType = e.message; });
            let clash = '';
            await lab.evaluate('i', { i: { constructor: 'arange(3, int64)', dtype: 'int32' } }).catch((e) => { clash = e.message; });
            /** @type {number[][]} */
            const heard = [];
            // Long enough for the clock (5 us in an isolated page) to see.
            const t = await lab.time('x + 1', { x: 'zeros(1e6)' }, { loops: 3, repeats: 2, onProgress: (done, total) => heard.push([done, total]) });
            // The race: the contenders the engine lists, in rounds.
            const listed = await lab.contenders({ engines: ['simd', 'eager'], threads: [1, 'max', 64] });
            /** @type {string[]} */
            const steps = [];
            const raced = await lab.race('sin(x)', { x: 'linspace(0, 1, 1e4)' }, {
                engines: ['eager', 'simd'], threads: [1, 2], loops: 2, repeats: 2,
                onProgress: (p) => steps.push(`${p.step} ${p.round} ${p.index}/${p.of} ${p.label} ${p.rows?.length ?? '-'}`),
            });
            let refused = '';
            await lab.race('x', { x: 'zeros(3)' }, { engines: /** @type {any} */ (['numba']) }).catch((e) => { refused = e.message; });
            const error = await lab.check('x + y', { x: 'float64' });
            const program = await lab.disassemble('k*x', { x: 'float32', k: { dtype: 'int32', scalar: true } });
            let failure = '';
            await lab.evaluate('x +', { x: 'zeros(3)' }).catch((e) => { failure = e.message; });
            lab.terminate();
            return {
                y: [y.constructor.name, ...y], total: [typeof total, String(total)], big: String(big), b: [b.constructor.name, ...b],
                f: [f.constructor.name, ...f], g: g.constructor.name, c: [c.constructor.name, ...c], clash,
                found: [found.constructor.name, ...found], copied: [copied.dtype, copied.shape, ...copied.data], mixed, numberAsBytes,
                z: [z.dtype, z.shape, ...z.data], zsum: [zsum.dtype, zsum.shape, ...zsum.data], zabs: [zabs.constructor.name, ...zabs], odd,
                small: [small.constructor.name, ...small], wraps: [wraps.constructor.name, ...wraps], u64: String(u64), wrongType, t: [t.loops, t.repeats, t.perLoop.length, t.best > 0, t.best <= t.mean],
                heard, listed, steps, refused, threads: lab.threads,
                raced: raced.map((r) => [r.label, r.loops, r.perLoop.length, r.ulps === 0, r.elements, r.bytes, r.best > 0]),
                error, program, failure,
            };
        });
        assert.equal(out.y[0], 'Float64Array');
        assert.ok(Math.abs(out.y[2] - 1) < 1e-15 && Math.abs(out.y[3]) < 1e-15, String(out.y));
        assert.deepEqual(out.total, ['bigint', '45']);
        assert.equal(out.big, String(2n ** 62n + 1n));
        assert.deepEqual(out.b, ['Uint8Array', 0, 0, 1]);
        assert.deepEqual(out.f, ['Float32Array', 0, 1, 2]);
        assert.equal(out.g, 'Float64Array');
        assert.deepEqual(out.c, ['Int32Array', 1, 2, 3]);
        assert.deepEqual(out.small, ['Int16Array', 300, -99]);
        assert.deepEqual(out.wraps, ['Uint16Array', 14464, 6]);
        assert.equal(out.u64, String(2n ** 63n + 5n));
        assert.deepEqual(out.z, ['complex128', [2], -1, 1, 0.5, -3]);
        assert.deepEqual(out.zsum, ['complex128', [], -2, 2.5]);
        assert.deepEqual(out.zabs, ['Float64Array', 5, 5]);
        assert.deepEqual(out.found, ['Uint8Array', 1, 1, 1]);
        // 'é' is two bytes of UTF-8: the width is 3, the longest string's.
        assert.deepEqual(out.copied, ['S3', [2, 2], 97, 0, 0, 98, 99, 100, 0xc3, 0xa9, 0, 0, 0, 0]);
        assert.match(out.mixed, /`\+` is not defined on byte strings \(`s` is bytes\)/);
        assert.match(out.numberAsBytes, /`s` is a number, which is no byte string/);
        assert.match(out.odd, /the data of `z` holds 3 numbers: a complex128 array is real and imaginary parts in pairs/);
        assert.equal(out.wrongType, 'the data of `a` is an Int16Array, which holds int16, not uint8');
        assert.match(out.clash, /arange\(3, int64\)\n\s+\^+\nerror: the constructor makes int64, but the input is declared int32: name one dtype$/);
        assert.deepEqual(out.t, [3, 2, 2, true, true]);
        assert.deepEqual(out.heard, [[1, 2], [2, 2]]);
        // Eager first whatever the order asked; `max` and 64 are this lab's threads, once.
        const most = out.threads > 1 ? [{ label: `vm SIMD ×${out.threads}`, engine: 'vm', simd: true, kernels: 'simd', threads: out.threads }] : [];
        assert.deepEqual(out.listed, [
            { label: 'eager', engine: 'eager', simd: false, kernels: 'scalar', threads: 1 },
            { label: 'vm SIMD', engine: 'vm', simd: true, kernels: 'simd', threads: 1 },
            ...most,
        ]);
        const labels = ['eager', 'vm SIMD', ...(out.threads > 1 ? ['vm SIMD ×2'] : [])];
        assert.deepEqual(out.raced.map((r) => r[0]), labels);
        for (const [label, loops, repeats, , elements, bytes, positive] of out.raced) {
            assert.deepEqual([loops, repeats, elements, bytes, positive], [2, 2, 1e4, 16e4, true], label);
        }
        assert.equal(out.raced[0][3], true, 'the first is the reference');
        // Two rounds of each contender in turn, the rows so far after each.
        const n = labels.length;
        assert.deepEqual(out.steps, [0, 1].flatMap((round) => labels.flatMap((label, i) => [
            `starting ${round} ${i}/${n} ${label} -`,
            `finished ${round} ${i}/${n} ${label} ${round === 0 ? i + 1 : n}`,
        ])));
        assert.match(out.refused, /`numba` is not an engine of a race: use eager, scalar, simd/);
        assert.deepEqual({ ...out.error, text: undefined }, { message: 'unknown name `y`; did you mean `x`?', start: 4, end: 5, text: undefined });
        assert.match(out.program, /float32/);
        assert.match(out.failure, /x \+\n\s+\^/);
        await page.close();
    });

    test('runs the relaxed-SIMD build where the browser has it, plain SIMD when asked, and the two agree within an ULP', async () => {
        const { page } = await open(url);
        const out = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const [relaxed, plain] = await Promise.all([createLab(), createLab({ relaxed: false })]);
            const describe = (/** @type {any} */ lab) => [lab.build, lab.relaxed, lab.plainWhy, lab.describe()];
            /** @type {Record<string, [number, number]>} */
            const apart = {};
            for (const expr of ['sin(x)', 'cos(x)', 'exp(x/50)', 'log(abs(x) + 1e-3)', 'tan(x)', 'arctan(x)']) {
                const vars = { x: 'linspace(-100, 100, 100001)' };
                const [a, b] = await Promise.all([relaxed.evaluate(expr, vars, { threads: 2 }), plain.evaluate(expr, vars, { threads: 2 })]);
                const bits = (/** @type {any} */ v) => new BigInt64Array(v.buffer);
                const [ba, bb] = [bits(a), bits(b)];
                let worst = 0n, differ = 0;
                for (let i = 0; i < ba.length; i++) {
                    const d = ba[i] > bb[i] ? ba[i] - bb[i] : bb[i] - ba[i];
                    if (d) differ++;
                    if (d > worst) worst = d;
                }
                apart[expr] = [Number(worst), differ];
            }
            const out = { relaxed: describe(relaxed), plain: describe(plain), apart, cores: navigator.hardwareConcurrency };
            relaxed.terminate();
            plain.terminate();
            return out;
        });
        assert.deepEqual(out.relaxed, ['threads-relaxed', true, null, `relaxed SIMD, ${out.cores} threads`]);
        assert.deepEqual(out.plain, ['threads', false, 'relaxed SIMD turned off', `SIMD (relaxed SIMD turned off), ${out.cores} threads`]);
        // Each within 1 ULP of the exact value (2 for tan and arctan), so
        // at most a step apart, two for tan and arctan.
        for (const [expr, [worst]] of Object.entries(out.apart)) {
            assert.ok(worst <= (/tan/.test(expr) ? 2 : 1), `${expr}: the builds differ by ${worst} ULP`);
        }
        console.log('relaxed against plain SIMD (ULPs apart at most, elements that differ of 100001):', JSON.stringify(out.apart));
    });

    test('low accuracy: the page races it from its box and from a link, with its ULPs; the API takes accuracy', async () => {
        const { page, errors } = await open(`${url}#expr=sin(2*pi*x)&x=linspace(-1,1,1e5):float64&engines=simd,simd-low&threads=1`);
        assert.equal(await page.isChecked('#engine-simd-low'), true);
        assert.equal(await page.isChecked('#engine-eager'), false);
        let rows = await run(page);
        assert.deepEqual(rows.map((r) => r[0]), ['vm SIMD', 'vm SIMD low']);
        // ULPs from the first row, the high accuracy's: within the low bound.
        assert.ok(rows[1][5] === 'same bits' || Number(rows[1][5]) <= 4, rows[1].join(' | '));
        // From the box: eager first, then both SIMD flavours.
        await page.goto(url);
        await page.waitForFunction(() => /engine ready/.test(document.querySelector('#engine-status')?.textContent ?? ''));
        await page.check('#engine-simd-low');
        await page.fill('#threads', '1');
        rows = await run(page);
        assert.deepEqual(rows.map((r) => r[0]), ['eager', 'vm scalar', 'vm SIMD', 'vm SIMD low']);
        assert.ok(Number(rows[3][5]) <= 5, `low against the libm: ${rows[3][5]}`);
        assert.match(page.url(), /engines=eager,scalar,simd,simd-low/);
        await page.screenshot({ path: join(SHOTS, 'lab-low.png') });
        const api = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const lab = await createLab();
            const vars = { x: 'linspace(-100, 100, 100001)' };
            /** @type {Record<string, number>} */
            const apart = {};
            for (const expr of ['sin(x)', 'cos(x)', 'exp(x/50)', 'log(abs(x) + 1e-3)']) {
                const high = /** @type {Float64Array} */ (await lab.evaluate(expr, vars));
                const low = /** @type {Float64Array} */ (await lab.evaluate(expr, vars, { accuracy: 'low' }));
                const [a, b] = [new BigInt64Array(high.buffer), new BigInt64Array(low.buffer)];
                let worst = 0n;
                for (let i = 0; i < a.length; i++) {
                    const d = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
                    if (d > worst) worst = d;
                }
                apart[expr] = Number(worst);
            }
            await lab.time('sin(x)', vars, { repeats: 1, loops: 1, reference: true });
            const t = await lab.time('sin(x)', vars, { repeats: 1, loops: 1, accuracy: 'low' });
            const refused = await lab.evaluate('x', vars, { accuracy: /** @type {any} */ ('fast') }).catch((e) => e.message);
            lab.terminate();
            return { apart, ulps: t.ulps, refused };
        });
        // High within 1 ULP and low within 4 of the exact value: at most 5 apart.
        for (const [expr, worst] of Object.entries(api.apart)) assert.ok(worst <= 5, `${expr}: ${worst} ULP apart`);
        assert.ok(api.apart['sin(x)'] > 0, 'the low sin is another kernel');
        assert.ok(api.ulps !== undefined && api.ulps <= 5, `time's ulps: ${api.ulps}`);
        assert.equal(api.refused, 'accuracy `fast`: use high (the default) or low');
        console.log('low against high accuracy (ULPs apart at most of 100001):', JSON.stringify(api.apart));
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('the JavaScript API takes and gives arrays of any shape, broadcast as NumPy does', async () => {
        const { page } = await open(url);
        const out = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const lab = await createLab();
            const column = { data: new Float64Array([0, 10]), shape: [2, 1] };
            const row = new Float64Array([1, 2, 3]);
            const grid = await lab.evaluate('x + y', { x: column, y: row }, { threads: 2 });
            const inputs = await lab.setInputs({ x: column, y: row });
            const total = await lab.evaluate('sum(x * y)', { x: column, y: row });
            /** @param {Promise<unknown>} p */
            const message = (p) => p.then(() => '', (e) => e.message);
            const mismatch = await message(lab.evaluate('x + y', { x: { data: column.data, shape: [2] }, y: row }));
            const count = await message(lab.evaluate('x', { x: { data: new Float64Array(5), shape: [2, 3] } }));
            const bad = await message(lab.evaluate('x', { x: { data: new Float64Array(2), shape: [2, -1] } }));
            lab.terminate();
            const g = /** @type {{data: Float64Array, shape: number[], dtype: string}} */ (grid);
            return { grid: [g.data.constructor.name, [...g.data], g.shape, g.dtype], inputs, total, mismatch, count, bad };
        });
        assert.deepEqual(out.grid, ['Float64Array', [1, 2, 3, 11, 12, 13], [2, 3], 'float64']);
        assert.deepEqual(out.inputs, [
            { name: 'x', dtype: 'float64', length: 2, shape: [2, 1] },
            { name: 'y', dtype: 'float64', length: 3, shape: [3] },
        ]);
        assert.equal(out.total, 60);
        assert.match(out.mismatch, /x \+ y\n\s+\^+\nerror: `x` has shape \(2,\) and `y` has shape \(3,\): they do not broadcast/);
        assert.match(out.count, /`x` has 5 elements, but shape \(2, 3\) holds 6/);
        assert.match(out.bad, /the shape of `x` is not a list of whole numbers from 0 up/);
        await page.close();
    });

    test('a 2-D result is a picture with a color bar; an axis reduction of it a line', async () => {
        const { page, errors } = await open(url);
        await page.click('#gallery button:text("interference (2-D)")');
        await run(page);
        assert.match(await page.textContent('#summary') ?? '', /shape\(900, 1200\)/);
        const picture = await page.$eval('#result-chart canvas.picture', (c) => {
            const canvas = /** @type {HTMLCanvasElement} */ (c);
            const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
            // Distinct colors among the pixels, and the center's (sin(0) = 0: the map's middle, teal).
            const colors = new Set();
            for (let i = 0; i < data.length; i += 4 * 97) colors.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
            const center = 4 * (Math.floor(canvas.height / 2) * canvas.width + Math.floor(canvas.width / 2));
            return { width: canvas.width, height: canvas.height, colors: colors.size, center: [...data.slice(center, center + 4)] };
        });
        assert.ok(picture.width > 100 && picture.width <= 1200, JSON.stringify(picture));
        assert.ok(Math.abs(picture.width / picture.height - 4 / 3) < 0.05, 'the elements\' aspect');
        assert.ok(picture.colors > 50, `${picture.colors} colors`);
        const [r, g, b, a] = picture.center;
        assert.ok(g > r && b > r && a === 255, `the center is ${picture.center}`);
        assert.deepEqual(await page.$$eval('#result-chart .color-ticks span', (s) => s.map((e) => e.textContent)), ['1', '0', '-1']);
        assert.match(await page.textContent('#result-chart .picture-note') ?? '', /^\(900, 1200\): rows down, columns across; \d+ x \d+ pixels, each the mean of its elements$/);
        await page.locator('#result-panel').screenshot({ path: join(SHOTS, 'picture.png') });
        await page.click('#gallery button:text("column means")');
        await run(page);
        assert.match(await page.textContent('#summary') ?? '', /length1000/);
        await page.waitForSelector('#result-chart .uplot');
        assert.equal(await page.$('#result-chart canvas.picture'), null);
        await page.locator('#result-panel').screenshot({ path: join(SHOTS, 'column-means.png') });
        // The API's picture: null for a 1-D result, at most the pixels asked for.
        const api = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const lab = await createLab();
            await lab.evaluate('x', { x: new Float64Array([1, 2, 3]) });
            const line = await lab.picture(10, 10);
            const x = { data: new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]), shape: [2, 4] };
            await lab.evaluate('x * 2', { x });
            const p = await lab.picture(2, 9);
            lab.terminate();
            return { line, picture: p && { width: p.width, height: p.height, pixels: [...p.pixels] } };
        });
        assert.equal(api.line, null);
        assert.deepEqual(api.picture, { width: 2, height: 2, pixels: [1, 5, 9, 13] });
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('byte strings: random words from the gallery, a list of them as an input, and a mistake at its span', async () => {
        const { page, errors } = await open(url);
        await page.click('#gallery button:text("words (byte strings)")');
        const rows = await run(page);
        assert.match(await page.textContent('#summary') ?? '', /^dtypeboollength1000000min0max1mean0\.0\d+/);
        assert.equal(rows.length, 4, 'eager, vm scalar, vm SIMD, vm SIMD x2');
        for (const row of rows) assert.equal(row[5], 'same bits', row.join(' | '));
        // Bools are plotted as each column's share of true, not a band from 0 to 1.
        assert.match(await page.textContent('#result-chart') ?? '', /share of true/);
        await page.locator('#result-panel').screenshot({ path: join(SHOTS, 'words.png') });
        // The same words through the JS API, from a list of strings: the same answer.
        const [mean, first] = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const lab = await createLab();
            const words = await lab.evaluate('s', { s: { constructor: 'random(1e6, 1, S8)', dtype: 'bytes' } });
            const texts = [...Array(words.data.length / 8).keys()].map((i) => new TextDecoder().decode(words.data.subarray(8 * i, 8 * i + 8)).replace(/\0+$/, ''));
            const hits = texts.filter((t) => t.includes('ab') || t < 'b').length;
            const again = await lab.evaluate("contains(s, b'ab') | (s < b'b')", { s: texts });
            lab.terminate();
            return [hits / texts.length, [again.filter(Boolean).length / again.length, words.dtype]];
        });
        assert.equal(first[0], mean);
        assert.equal(first[1], 'S8');
        assert.match(await page.textContent('#summary') ?? '', new RegExp(`mean${mean.toPrecision(7).replace('.', '\\.')}NaNs`));
        await setInputs(page, [['s', "array([b'apple', b'fig', b'kiwi', b'banana'])", 'bytes']]);
        await type(page, "s < b'c'");
        await run(page);
        assert.match(await page.textContent('#summary') ?? '', /^dtypeboollength4min0max1mean0\.5000000/);
        await setInputs(page, [['s', "array([b'apple', 1])", 'bytes']]);
        await run(page);
        assert.equal(await page.textContent('#run-error'),
            "  array([b'apple', 1])\n                   ^\nerror: a list holds byte strings or numbers, not both: this is a number, and the first item a byte string");
        // Nothing of the run before stays next to the failed one.
        assert.equal(await page.textContent('#summary'), '');
        assert.equal(await page.textContent('#ladder-chart'), 'No speedups: the last run did not finish.');
        assert.equal(await page.textContent('#result-chart'), 'No result: the last run did not finish.');
        assert.deepEqual(errors, []);
        await page.close();
    });

    test('a complex result over the plane is domain colored, with views of its magnitude and parts; a 1-D one is two lines', async () => {
        const { page, errors } = await open(url);
        await page.click('#gallery button:text("sin(z)/z (complex)")');
        await run(page);
        assert.match(await page.textContent('#summary') ?? '', /dtypecomplex128shape\(800, 1200\)min \|z\|/);
        /** The picture's color at a fraction of its width and height. */
        const at = (/** @type {number} */ fx, /** @type {number} */ fy) => page.$eval('#result-chart canvas.picture', (c, [fx, fy]) => {
            const canvas = /** @type {HTMLCanvasElement} */ (c);
            const [x, y] = [Math.floor(fx * (canvas.width - 1)), Math.floor(fy * (canvas.height - 1))];
            return [...(canvas.getContext('2d')?.getImageData(x, y, 1, 1).data ?? [])];
        }, [fx, fy]);
        // sin(z)/z is 1 at the center (red: angle 0, full color at |z| = 1),
        // 0 at z = pi (black), and large up the imaginary axis (light).
        const [r, g, b] = await at(0.5, 0.5);
        assert.ok(r > 200 && g < 60 && b < 60, `the center is ${[r, g, b]}`);
        const zero = await at((6 + Math.PI) / 12, 0.5);
        assert.ok(zero[0] < 60 && zero[1] < 60 && zero[2] < 60, `z = pi is ${zero}`);
        const top = await at(0.5, 0);
        assert.ok(Math.min(top[0], top[1], top[2]) > 150, `z = 4j is ${top}`);
        assert.deepEqual(await page.$$eval('#result-chart .color-ticks span', (s) => s.map((e) => e.textContent)), ['π', '0', '−π']);
        assert.match(await page.textContent('#result-chart .picture-note') ?? '', /hue: the angle/);
        await page.locator('#result-panel').screenshot({ path: join(SHOTS, 'complex-domain.png') });
        // The magnitude in the color map: ticks from its range.
        await page.selectOption('#result-chart .picture-view select', 'abs');
        await page.waitForFunction(() => !document.querySelector('#result-chart .picture-note')?.textContent?.includes('hue'));
        const ticks = await page.$$eval('#result-chart .color-ticks span', (s) => s.map((e) => Number(e.textContent)));
        assert.ok(ticks[2] >= 0 && ticks[2] < 0.01 && ticks[0] > 5, `magnitude ticks ${ticks}`);
        await page.locator('#result-panel').screenshot({ path: join(SHOTS, 'complex-abs.png') });
        // The choice goes into the link, and a link brings it back.
        await page.waitForFunction(() => location.hash.includes('picture=abs'));
        const linked = await open(`${url}${await page.evaluate(() => location.hash.replace('picture=abs', 'picture=real'))}&run`);
        await linked.page.waitForSelector('#result-chart .picture-view select');
        assert.equal(await linked.page.$eval('#result-chart .picture-view select', (e) => /** @type {HTMLSelectElement} */ (e).value), 'real');
        await linked.page.close();
        await page.selectOption('#result-chart .picture-view select', 'imag');
        await page.waitForFunction(() => /** @type {HTMLSelectElement | null} */ (document.querySelector('#result-chart .picture-view select'))?.value === 'imag');
        await page.selectOption('#result-chart .picture-view select', 'domain');
        // A 1-D complex result: its real and imaginary parts as two bands, with a legend.
        await setInputs(page, [['x', 'linspace(0, 10, 1e4)', 'float64']]);
        await type(page, 'exp(1j*x)');
        await run(page);
        await page.waitForSelector('#result-chart .uplot');
        const legend = await page.$$eval('#result-chart .u-legend .u-label', (s) => s.map((e) => e.textContent));
        assert.deepEqual(legend.slice(1), ['real min', 'real max', 'imag min', 'imag max']);
        await page.locator('#result-panel').screenshot({ path: join(SHOTS, 'complex-line.png') });
        // The API: the parts of a picture and of a plot.
        const api = await page.evaluate(async () => {
            const { createLab } = await import('/www/exprlab.js');
            const lab = await createLab();
            await lab.evaluate('x * (1 - 2j)', { x: { data: new Float64Array([0, 1, 2, 3]), shape: [2, 2] } });
            const [re, im, abs] = await Promise.all([lab.picture(2, 2, 'real'), lab.picture(2, 2, 'imag'), lab.picture(2, 2)]);
            await lab.evaluate('x * 1j', { x: new Float64Array([1, -2]) });
            const plot = await lab.plot(2, 'imag');
            let bad = '';
            await lab.plot(2, /** @type {any} */ ('phase')).catch((e) => { bad = e.message; });
            lab.terminate();
            return { re: [...(re?.pixels ?? [])], im: [...(im?.pixels ?? [])], abs: [...(abs?.pixels ?? [])], plot: [...plot], bad };
        });
        assert.deepEqual(api.re, [0, 1, 2, 3]);
        assert.deepEqual(api.im, [0, -2, -4, -6]);
        assert.deepEqual(api.abs, [0, Math.hypot(1, 2), Math.hypot(2, 4), Math.hypot(3, 6)]);
        assert.deepEqual(api.plot, [1, 1, -2, -2]);
        assert.match(api.bad, /unknown part `phase`: "value", "real" or "imag"/);
        assert.deepEqual(errors, []);
        await page.close();
    });
});

describe('the lab page, not cross-origin isolated', () => {
    test('says why it has one thread, and still runs (a browser without service workers)', async () => {
        const s = await serve('tests/e2e/no-headers.json');
        servers.push(s.stop);
        const plain = await launch({ serviceWorkers: false });
        const { page, errors } = await openPage(plain.context, s.url);
        assert.equal(await page.evaluate(() => crossOriginIsolated), false);
        assert.equal(await page.isVisible('#isolation-banner'), true);
        assert.match(await page.textContent('#isolation-banner'), /Cross-Origin-Embedder-Policy: require-corp/);
        assert.equal(await page.textContent('#engine-status'), 'engine ready: relaxed SIMD, 1 thread');
        const rows = await run(page);
        assert.deepEqual(rows.map((r) => r[0]), ['eager', 'vm scalar', 'vm SIMD']);
        assert.deepEqual(errors, []);
        await plain.close();
    });
});
