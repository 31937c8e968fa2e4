// `./run dist`'s folder on a host that sends no special headers (Python's
// static server) under a sub-path, in Debian's headless Chromium: the
// service worker reloads the page once, and then it is cross-origin
// isolated and races on every thread; the embed view and the deck load
// from the same folder. Needs dist/ (`./run dist`; `./run test` makes it).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, open, race, servePlain } from '../../scripts/browser.mjs';

/** @type {import('playwright-core').BrowserContext} */
let browser;
let close = async () => {};
let url = '';
let stop = () => {};

before(async () => {
    assert.ok(existsSync(join(ROOT, 'dist', 'index.html')), 'dist/ is missing: run ./run dist');
    ({ context: browser, close } = await launch());
    ({ url, stop } = await servePlain(join(ROOT, 'dist')));
});

after(async () => {
    await close();
    stop();
});

test('dist/ at /exprlab/ on a plain static server: isolated after the service worker, every thread', async () => {
    const headers = (await fetch(url)).headers;
    assert.equal(headers.get('cross-origin-embedder-policy'), null, 'the host must send no COEP for this test');
    const { page, errors } = await open(browser, url, { ready: '' });
    await page.waitForFunction(() => crossOriginIsolated && document.body.dataset.ready, null, { timeout: 60_000 });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(await page.textContent('#engine-status'), `engine ready: relaxed SIMD, ${cores} threads`);
    assert.equal(await page.isVisible('#isolation-banner'), false);
    await page.fill('#expr', 'sin(2*pi*x)');
    const rows = await race(page, { loops: 2 });
    assert.deepEqual(rows.map((r) => r[0]).slice(-1), [`vm SIMD ×${cores}`]);
    assert.match(await page.textContent('#agreement') ?? '', /^All engines agree/);

    // The embed view and the deck come from the same folder, isolated by the same worker.
    await page.goto(`${url}embed.html#expr=x*2&x=arange(10)&repeats=1&loops=1&run`);
    await page.waitForSelector('#bars li.done:nth-child(4)', { timeout: 60_000 });
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    await page.goto(`${url}slides/`);
    await page.waitForSelector('body[data-ready]');
    assert.equal(await page.evaluate(() => crossOriginIsolated), true);
    // Only the service worker's own messages reach the console, and no errors.
    assert.deepEqual(errors, []);
    await page.close();
});

test('dist/ where service workers are unavailable: one thread, and the banner says why', async () => {
    const plain = await launch({ serviceWorkers: false });
    try {
        const { page, errors } = await open(plain.context, url);
        assert.equal(await page.evaluate(() => crossOriginIsolated), false);
        assert.equal(await page.textContent('#engine-status'), 'engine ready: relaxed SIMD, 1 thread');
        assert.equal(await page.isVisible('#isolation-banner'), true);
        assert.match(await page.textContent('#isolation-banner') ?? '', /service worker/);
        const rows = await race(page, { loops: 2 });
        assert.deepEqual(rows.map((r) => r[0]), ['eager', 'vm scalar', 'vm SIMD']);
        assert.deepEqual(errors, []);
    } finally {
        await plain.close();
    }
});
