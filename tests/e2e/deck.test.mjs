// The live deck (slides/) in Debian's headless Chromium, driven by the
// keyboard: experiment frames load one slide ahead, the experiment runs
// when its slide appears, and leaving the slide stops a long run.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, open } from '../../scripts/browser.mjs';
import { chromiumAndServer } from './harness.mjs';

const SHOTS = join(ROOT, 'target', 'e2e');

const env = chromiumAndServer();
before(() => mkdirSync(SHOTS, { recursive: true }));

/** @param {import('playwright-core').Page} page */
const slideIndex = (page) => page.evaluate(() => [...document.querySelectorAll('.slides > section')].findIndex((s) => s.classList.contains('present')));

/**
 * Presses → until the slide whose title matches `title` is shown.
 * @param {import('playwright-core').Page} page
 * @param {RegExp} title
 */
async function advanceTo(page, title) {
    for (let i = 0; i < 20; i++) {
        const h2 = await page.textContent('.slides > section.present h2, .slides > section.present h1');
        if (title.test(h2 ?? '')) return;
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(150);
    }
    throw new Error(`no slide titled ${title}`);
}

test('the deck: preloaded frames, a live experiment on its slide, stopped when the slide goes', async () => {
    const { page, errors } = await open(env.browser, `${env.url}slides/`);
    // The engines' workers (of every frame) that are running, and when each closed.
    /** @type {Map<import('playwright-core').Worker, number | undefined>} */
    const engines = new Map();
    page.on('worker', (w) => {
        if (!w.url().endsWith('/www/worker.js')) return;
        engines.set(w, undefined);
        w.on('close', () => engines.set(w, Date.now()));
    });
    // Embeds post their messages to the deck: keep them.
    await page.evaluate(() => {
        const seen = /** @type {any[]} */ ([]);
        Object.assign(window, { seen });
        window.addEventListener('message', (e) => seen.push(e.data));
    });
    // The speaker view (S) opens with the notes, its inline script and style allowed by the deck's CSP.
    const popup = page.waitForEvent('popup');
    await page.keyboard.press('s');
    const notes = await popup;
    const notesErrors = [];
    notes.on('console', (m) => m.type() === 'error' && notesErrors.push(m.text()));
    await notes.waitForFunction(() => document.querySelector('.speaker-controls-notes .value')?.textContent?.includes('run live in this tab'));
    assert.equal(await notes.isVisible('#connection-status'), false);
    await notes.close();
    assert.deepEqual(notesErrors, []);
    await advanceTo(page, /^The experiment$/);
    // One slide ahead, the classic's frame is loading already.
    const next = page.locator('.slides > section').nth((await slideIndex(page)) + 1).locator('iframe');
    assert.match(await next.getAttribute('src') ?? '', /embed\.html\?autorun=slide/);
    await page.keyboard.press('ArrowRight');
    assert.match(await page.textContent('.slides > section.present h2') ?? '', /^Live: sin\(2πx\)/);
    await page.waitForFunction(() => /** @type {any} */ (window).seen.some((m) => m?.type === 'exprlab:result'), null, { timeout: 90_000 });
    const result = await page.evaluate(() => /** @type {any} */ (window).seen.find((m) => m?.type === 'exprlab:result'));
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    assert.equal(result.threads, cores, 'the deck is isolated: the frame races on every thread');
    assert.deepEqual(result.rows.map((r) => r.label), ['eager', 'vm scalar', 'vm SIMD', `vm SIMD ×${cores}`]);
    await page.screenshot({ path: join(SHOTS, 'deck-classic.png') });

    // The ladder's slide: its run starts when it appears; leaving stops it within 2 s.
    await advanceTo(page, /^The ladder/);
    const frame = page.frameLocator('.slides > section.present iframe');
    await frame.locator('#bars li.running').waitFor({ timeout: 30_000 });
    await page.evaluate(() => { /** @type {any} */ (window).seen.length = 0; });
    const running = [...engines].filter(([, closed]) => closed === undefined).map(([w]) => w);
    const left = Date.now();
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(() => /** @type {any} */ (window).seen.some((m) => m?.type === 'exprlab:error' && m.cancelled), null, { timeout: 2000 });
    // The ladder's engine was terminated (a fresh one waits in its place).
    const closes = running.map((w) => (engines.get(w) ? Promise.resolve() : w.waitForEvent('close', { timeout: 2000 - (Date.now() - left) })));
    await Promise.any(closes).catch(() => assert.fail('no engine worker stopped within 2 s of leaving the slide'));
    assert.ok(Math.min(...running.map((w) => engines.get(w) ?? Infinity)) - left < 2000);
    // Back on the ladder: its race runs again, to the end.
    await page.evaluate(() => { /** @type {any} */ (window).seen.length = 0; });
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(() => /** @type {any} */ (window).seen.some((m) => m?.type === 'exprlab:result'), null, { timeout: 90_000 });
    await page.screenshot({ path: join(SHOTS, 'deck-ladder.png') });
    assert.deepEqual(errors, []);
    await page.close();
});
