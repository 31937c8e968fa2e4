// The embed view (embed.html) in Debian's headless Chromium: inside a
// cross-origin-isolated parent it races on every thread and posts its
// figures; inside a parent that is not isolated it runs on one thread and
// says why; its messages; screenshots at projector sizes.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, launch, open, serve } from '../../scripts/browser.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');
const EXPERIMENT = 'expr=sin(2*pi*x)&x=linspace(-1,1,1e5):float64&repeats=2&loops=5';

/** @type {import('playwright-core').BrowserContext} */
let browser;
let close = async () => {};
/** @type {{url: string, stop: () => void}} */
let isolated;
/** @type {{url: string, stop: () => void}} */
let plain;

before(async () => {
    ({ context: browser, close } = await launch());
    isolated = await serve();
    plain = await serve('tests/e2e/no-headers.json');
    mkdirSync(SHOTS, { recursive: true });
});

after(async () => {
    await close();
    isolated.stop();
    plain.stop();
});

/**
 * The messages the embed posted to `page`, once one of `type` came.
 * @param {import('playwright-core').Page} page
 * @param {string} type
 */
async function waitForMessage(page, type, timeout = 60_000) {
    await page.waitForFunction((t) => /** @type {any} */ (window).messages.some((m) => m?.type === t), type, { timeout });
    return page.evaluate((t) => /** @type {any} */ (window).messages.filter((m) => m?.type === t), type);
}

test('in a cross-origin-isolated parent: autorun races on every thread and posts exprlab:result', async () => {
    const src = `/embed.html?autorun#${EXPERIMENT}`;
    const { page, errors } = await open(browser, `${isolated.url}tests/e2e/parent.html?src=${encodeURIComponent(src)}`, { ready: '' });
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const [result] = await waitForMessage(page, 'exprlab:result');
    assert.equal(result.isolated, true);
    assert.equal(result.threads, cores);
    assert.deepEqual(result.rows.map((r) => r.label), ['eager', 'vm scalar', 'vm SIMD', `vm SIMD ×${cores}`]);
    assert.deepEqual(result.rows.map((r) => r.threads), [1, 1, 1, cores]);
    for (const row of result.rows) {
        assert.ok(row.best > 0 && row.best <= row.mean, JSON.stringify(row));
        assert.ok(row.ulps <= 2, JSON.stringify(row));
        assert.equal(row.repeats, 2);
        assert.equal(row.loops, 5);
    }
    const frame = page.frameLocator('#lab');
    assert.match(await frame.locator('#status').textContent() ?? '', new RegExp(`^relaxed SIMD, ${cores} threads`));
    assert.equal(await frame.locator('#bars li.done').count(), 4);
    assert.equal(await frame.locator('#result-chart canvas').count(), 1);

    // exprlab:set with an experiment object, and run; then a malformed message: one warning, ignored.
    await page.evaluate(() => {
        const lab = /** @type {HTMLIFrameElement} */ (document.getElementById('lab')).contentWindow;
        /** @type {any} */ (window).messages.length = 0;
        lab?.postMessage({ type: 'exprlab:set', experiment: { expr: 'a*2', inputs: [{ name: 'a', value: 'arange(1000)', dtype: 'int32' }], threads: [1], repeats: 1 }, run: true }, '*');
    });
    const [second] = await waitForMessage(page, 'exprlab:result');
    assert.equal(second.expr, 'a*2');
    assert.deepEqual(second.rows.map((r) => r.label), ['eager', 'vm scalar', 'vm SIMD']);
    assert.equal(await frame.locator('#expr').inputValue(), 'a*2');
    const warnings = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.evaluate(() => document.querySelector('iframe')?.contentWindow?.postMessage({ type: 'exprlab:explode' }, '*'));
    await page.waitForTimeout(300);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /ignored a message/);
    assert.deepEqual(errors, []);
    await page.close();
});

test('in a parent that is not isolated: one thread, and one line that says why', async () => {
    const src = `${isolated.url}embed.html?autorun#${EXPERIMENT}`;
    const { page, errors } = await open(browser, `${plain.url}tests/e2e/parent.html?src=${encodeURIComponent(src)}`, { ready: '' });
    const [result] = await waitForMessage(page, 'exprlab:result');
    assert.equal(result.isolated, false);
    assert.equal(result.threads, 1);
    assert.deepEqual(result.rows.map((r) => r.label), ['eager', 'vm scalar', 'vm SIMD']);
    const status = await page.frameLocator('#lab').locator('#status').textContent();
    assert.match(status ?? '', /^relaxed SIMD, 1 thread: the page around this one is not cross-origin isolated/);
    assert.deepEqual(errors, []);
    await page.close();
});

test('a 2-D result is a picture in the embed view too, from its link', async () => {
    const link = 'expr=sin(x**2 + y**2)&x=linspace(-8, 8, 800, axis=1)&y=linspace(-6, 6, 600, axis=0)&repeats=1&loops=1&run';
    const { page, errors } = await open(browser, `${isolated.url}embed.html#${link.replaceAll(' ', '%20')}`, { viewport: { width: 1280, height: 720 } });
    await page.waitForSelector('#result-chart canvas.picture', { timeout: 60_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
    assert.ok(overflow <= 0, `overflows by ${overflow}px`);
    await page.screenshot({ path: join(SHOTS, 'embed-picture.png') });
    assert.deepEqual(errors, []);
    await page.close();
});

test('cancel stops a long run at once; screenshots at 1280x720 and 960x540, light and dark', async () => {
    const { page, errors } = await open(browser, `${isolated.url}embed.html#expr=sin(x)**2%20+%20cos(x)**2&x=linspace(0,1,1e7)&repeats=50&loops=50&run`);
    await page.waitForSelector('#bars li.running');
    const started = Date.now();
    await page.click('#cancel');
    await page.waitForFunction(() => !document.body.classList.contains('busy'));
    assert.ok(Date.now() - started < 2000, `the cancel took ${Date.now() - started} ms`);
    assert.equal(await page.textContent('#message'), 'Cancelled.');
    await page.close();
    for (const [width, height] of [[1280, 720], [960, 540]]) {
        for (const theme of ['light', 'dark']) {
            const shot = await open(browser, `${isolated.url}embed.html?theme=${theme}#${EXPERIMENT}&run`, { viewport: { width, height } });
            await shot.page.waitForSelector('#bars li.done:nth-child(4)', { timeout: 60_000 });
            await shot.page.waitForSelector('#result-chart canvas');
            // Nothing overflows the frame: the layout fits the projector's size.
            const overflow = await shot.page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
            assert.ok(overflow <= 0, `${width}x${height} overflows by ${overflow}px`);
            await shot.page.screenshot({ path: join(SHOTS, `embed-${width}x${height}-${theme}.png`) });
            assert.deepEqual(shot.errors, []);
            await shot.page.close();
        }
    }
    assert.deepEqual(errors, []);
});
