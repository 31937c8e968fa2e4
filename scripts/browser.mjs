// The lab in Debian's headless Chromium, as the end-to-end tests and the
// race script drive it: the static server `./run serve` runs (npm `serve`
// with serve.json's headers) on a free port, and playwright-core's
// chromium with a fresh profile. Both wasm packages must be built
// (`./run build`).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../', import.meta.url).pathname;

/** A free TCP port on 127.0.0.1. @returns {Promise<number>} */
function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.on('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
            server.close(() => resolve(port));
        });
    });
}

/**
 * Serves the repository root with `config` (serve.json: cross-origin
 * isolated) and resolves when it answers.
 * @returns {Promise<{url: string, stop: () => void}>}
 */
export async function serve(config = 'serve.json') {
    const port = await freePort();
    const server = spawn(join(ROOT, 'node_modules/.bin/serve'),
        ['.', '--config', config, '--no-clipboard', '--listen', `tcp://127.0.0.1:${port}`],
        { cwd: ROOT, stdio: 'ignore' });
    const url = `http://127.0.0.1:${port}/`;
    const stop = () => server.kill();
    for (let i = 0; i < 100; i++) {
        try {
            if ((await fetch(url)).ok) return { url, stop };
        } catch {
            // not up yet
        }
        await new Promise((r) => setTimeout(r, 100));
    }
    stop();
    throw new Error(`the static server did not start on ${url}`);
}

/**
 * Debian's chromium, headless, in a fresh profile at 1280x720 (CHROMIUM
 * names another binary).
 * @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>}
 */
export async function launch() {
    const profile = mkdtempSync(join(tmpdir(), 'exprlab-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1280, height: 720 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
    const close = async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
    };
    return { context, close };
}

/**
 * Sets the lab page's inputs panel to `rows` of [name, value, dtype], as a
 * user would: removes every row, then adds one per input.
 * @param {import('playwright-core').Page} page
 * @param {[string, string, string][]} rows
 */
export async function setInputs(page, rows) {
    while ((await page.locator('#inputs tr').count()) > 0) {
        await page.locator('#inputs tr button').first().click();
    }
    for (const [name, value, dtype] of rows) {
        await page.click('#add-input');
        const row = page.locator('#inputs tr').last();
        await row.locator('input').nth(0).fill(name);
        await row.locator('input').nth(1).fill(value);
        await row.locator('select').selectOption(dtype);
    }
}

/**
 * Runs the lab page's race once the expression checks, waits for its end
 * and returns the race table's rows. `loops` left out: grown as timeit does.
 * @param {import('playwright-core').Page} page
 * @param {{repeats?: number, loops?: number, timeout?: number}} [options]
 * @returns {Promise<string[][]>}
 */
export async function race(page, { repeats = 1, loops, timeout = 120_000 } = {}) {
    await page.fill('#repeats', String(repeats));
    await page.fill('#loops', loops === undefined ? '' : String(loops));
    await page.waitForSelector('#check-message.ok');
    await page.click('#run');
    await page.waitForFunction(() => !document.body.classList.contains('busy'), null, { timeout });
    return page.$$eval('#race tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent ?? '')));
}
