// The lab in Debian's Firefox ESR (headless, over WebDriver BiDi with
// puppeteer-core): it loads cross-origin isolated, races on every thread,
// opens a share link as the same experiment, the embed view works in
// an isolated parent, and the JS API takes and gives every integer dtype.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchFirefox, serve } from '../../scripts/browser.mjs';

/** @type {import('puppeteer-core').Browser} */
let browser;
let url = '';
let stop = () => {};

before(async () => {
    browser = await launchFirefox();
    ({ url, stop } = await serve());
});

after(async () => {
    await browser?.close();
    stop();
});

/**
 * A new page at `url`, with its console errors (and its workers').
 * @param {string} address
 */
async function open(address) {
    const page = await browser.newPage();
    /** @type {string[]} */
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(address);
    return { page, errors };
}

/** @param {import('puppeteer-core').Page} page @param {string} selector */
const text = (page, selector) => page.$eval(selector, (e) => e.textContent ?? '');

test('Firefox: the lab loads isolated, races on every thread, and its link opens the same experiment', async () => {
    const { page, errors } = await open(url);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    assert.equal(await text(page, '#engine-status'), `engine ready: relaxed SIMD, ${cores} threads`);
    // Edit as a user would: the expression, then the repeats and loops.
    await page.$eval('#expr', (e) => { /** @type {HTMLTextAreaElement} */ (e).value = ''; });
    await page.type('#expr', 'sqrt(x)*2');
    for (const [id, value] of [['#repeats', '2'], ['#loops', '3']]) {
        await page.$eval(id, (e) => { /** @type {HTMLInputElement} */ (e).value = ''; });
        await page.type(id, value);
    }
    await page.waitForSelector('#check-message.ok');
    await page.click('#run');
    await page.waitForFunction(() => document.querySelectorAll('#race tr').length === 2 + navigator.hardwareConcurrency
        && !document.body.classList.contains('busy'), { timeout: 120_000 });
    const labels = await page.$$eval('#race tr', (trs) => trs.map((tr) => tr.cells[0].textContent));
    assert.deepEqual(labels.slice(-1), [`vm SIMD ×${cores}`]);
    assert.match(await text(page, '#agreement'), /^All engines agree/);
    const summary = await text(page, '#summary');
    await page.waitForFunction(() => location.hash.includes('repeats=2&loops=3'));
    const link = await page.evaluate(() => location.href);
    assert.match(link, /#expr=sqrt\(x\)\*2&x=linspace\(-1,%201,%201e6\):float64&repeats=2&loops=3$/);

    const fresh = await open(`${link}&run`);
    await fresh.page.waitForFunction(() => document.querySelectorAll('#race tr').length === 2 + navigator.hardwareConcurrency
        && !document.body.classList.contains('busy') && document.querySelector('#summary')?.textContent, { timeout: 120_000 });
    assert.equal(await fresh.page.$eval('#expr', (e) => /** @type {HTMLTextAreaElement} */ (e).value), 'sqrt(x)*2');
    assert.equal(await text(fresh.page, '#summary'), summary);
    assert.deepEqual(errors, []);
    assert.deepEqual(fresh.errors, []);
    await page.close();
    await fresh.page.close();
});

test('Firefox: the embed view in an isolated parent races on every thread and posts its result', async () => {
    const src = '/embed.html?autorun#expr=sin(2*pi*x)&x=linspace(-1,1,1e5)&repeats=1&loops=3';
    const { page, errors } = await open(`${url}tests/e2e/parent.html?src=${encodeURIComponent(src)}`);
    await page.waitForFunction(() => /** @type {any} */ (window).messages?.some((m) => m?.type === 'exprlab:result'), { timeout: 120_000 });
    const result = await page.evaluate(() => /** @type {any} */ (window).messages.find((m) => m?.type === 'exprlab:result'));
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(result.isolated, true);
    assert.deepEqual(result.rows.map((r) => r.label), ['eager', 'vm scalar', 'vm SIMD', `vm SIMD ×${cores}`]);
    assert.deepEqual(errors, []);
    await page.close();
});

test('Firefox: the JavaScript API takes and gives every integer dtype, complex128 and byte strings', async () => {
    const { page, errors } = await open(url);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    const out = await page.evaluate(async () => {
        const { createLab } = await import('/www/exprlab.js');
        const lab = await createLab();
        // int8 with uint8 (a Uint8Array declared uint8) is int16, as NumPy 2's.
        const small = await lab.evaluate('a + b', { a: new Int8Array([100, -100]), b: { data: new Uint8Array([200, 1]), dtype: 'uint8' } });
        // uint16 wraps; a 2-D uint32 stays uint32; uint64 sums as a bigint.
        const wraps = await lab.evaluate('u * 2', { u: new Uint16Array([40000, 3]) });
        const grid = await lab.evaluate('v + 1', { v: { data: new Uint32Array([1, 2, 3, 4, 5, 6]), shape: [2, 3] } });
        const total = await lab.evaluate('sum(w)', { w: new BigUint64Array([2n ** 63n, 5n]) });
        // complex128 in and out as interleaved parts; sqrt on its branch cut.
        const roots = await lab.evaluate('sqrt(z)', { z: { data: new Float64Array([-4, 0, -4, -0]), dtype: 'complex128' } });
        // Byte strings compared and searched, broadcast: a column against a row.
        const found = await lab.evaluate("contains(h, n) & (n < b'c')", { h: { data: ['abc', 'b'], shape: [2, 1] }, n: ['a', 'b', 'c'] });
        lab.terminate();
        return {
            small: [small.constructor.name, ...small], wraps: [wraps.constructor.name, ...wraps],
            grid: [grid.data.constructor.name, grid.dtype, ...grid.shape], total: String(total),
            roots: [roots.dtype, ...roots.shape, ...roots.data],
            found: [found.dtype, ...found.shape, ...found.data],
        };
    });
    assert.deepEqual(out.small, ['Int16Array', 300, -99]);
    assert.deepEqual(out.wraps, ['Uint16Array', 14464, 6]);
    assert.deepEqual(out.grid, ['Uint32Array', 'uint32', 2, 3]);
    assert.equal(out.total, String(2n ** 63n + 5n));
    assert.deepEqual(out.roots, ['complex128', 2, 0, 2, 0, -2]);
    assert.deepEqual(out.found, ['bool', 2, 3, 1, 1, 0, 0, 1, 0]);
    assert.deepEqual(errors, []);
    await page.close();
});
