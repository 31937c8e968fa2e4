// The lab in Debian's headless Chromium, as the end-to-end tests and the
// race script drive it: the static server `./run serve` runs (npm `serve`
// with serve.json's headers) on a free port, and playwright-core's
// chromium with a fresh profile. Both wasm packages must be built
// (`./run build`).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
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
 * Starts `command` as a static server of `url` and resolves when it answers.
 * @param {string} command
 * @param {string[]} args
 * @param {string} url
 * @param {string} cwd
 * @returns {Promise<{url: string, stop: () => void}>}
 */
async function startServer(command, args, url, cwd) {
    const server = spawn(command, args, { cwd, stdio: 'ignore' });
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
 * Serves `dir` (the repository root) with `config`, a path relative to
 * `dir` (serve.json: cross-origin isolated), and resolves when it answers.
 * @returns {Promise<{url: string, stop: () => void}>}
 */
export async function serve(config = 'serve.json', dir = ROOT) {
    const port = await freePort();
    return startServer(join(ROOT, 'node_modules/.bin/serve'),
        ['.', '--config', config, '--no-clipboard', '--listen', `tcp://127.0.0.1:${port}`],
        `http://127.0.0.1:${port}/`, dir);
}

/**
 * Serves `dir` (such as dist/) at the sub-path `/exprlab/` with Python's
 * plain static server, which sends no COOP, COEP or CSP headers: a host
 * like GitHub Pages.
 * @param {string} dir
 * @returns {Promise<{url: string, stop: () => void}>}
 */
export async function servePlain(dir) {
    const port = await freePort();
    const site = mkdtempSync(join(tmpdir(), 'exprlab-site-'));
    symlinkSync(dir, join(site, 'exprlab'));
    const server = await startServer('python3', ['-m', 'http.server', '--bind', '127.0.0.1', '--directory', site, String(port)],
        `http://127.0.0.1:${port}/exprlab/`, site);
    return {
        url: server.url,
        stop: () => {
            server.stop();
            rmSync(site, { recursive: true, force: true });
        },
    };
}

/**
 * Debian's chromium, headless, in a fresh profile at 1280x720 (CHROMIUM
 * names another binary); `serviceWorkers: false` makes a browser without
 * service workers (`navigator.serviceWorker` undefined, as in a private
 * window of some browsers).
 * @param {{serviceWorkers?: boolean}} [options]
 * @returns {Promise<{context: import('playwright-core').BrowserContext, close: () => Promise<void>}>}
 */
export async function launch({ serviceWorkers = true } = {}) {
    const profile = mkdtempSync(join(tmpdir(), 'exprlab-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
        executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
        headless: true,
        viewport: { width: 1280, height: 720 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
            '--disable-component-update', '--disable-sync'],
    });
    if (!serviceWorkers) {
        await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined }));
    }
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
    return page.$$eval('#race tr', (trs) => trs.map((tr) => [.../** @type {HTMLTableRowElement} */ (tr).cells].map((td) => td.textContent ?? '')));
}

/**
 * Opens `url` in a new page of `context` and waits for `ready` (the lab's
 * engine, by default); collects the console's errors and warnings and
 * the uncaught exceptions of the page, its frames and their workers, and
 * any dialog (which a hostile link must never open).
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {{ready?: string, viewport?: {width: number, height: number}}} [options]
 */
export async function open(context, url, { ready = 'body[data-ready]', viewport } = {}) {
    const page = await context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    /** @type {string[]} */
    const errors = [];
    /** @type {string[]} */
    const warnings = [];
    /** @param {import('playwright-core').ConsoleMessage} m */
    const listen = (m) => {
        if (m.type() === 'error') errors.push(m.text());
        if (m.type() === 'warning') warnings.push(m.text());
    };
    page.on('console', listen);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('worker', (w) => w.on('console', listen));
    page.on('dialog', (d) => {
        errors.push(`a dialog opened: ${d.message()}`);
        void d.dismiss();
    });
    await page.goto(url);
    if (ready) await page.waitForSelector(ready, { timeout: 60_000 });
    return { page, errors, warnings };
}

/**
 * Debian's Firefox ESR, headless, driven over WebDriver BiDi by
 * puppeteer-core (which downloads no browser), in a fresh profile
 * (FIREFOX names another binary).
 * @returns {Promise<import('puppeteer-core').Browser>}
 */
export async function launchFirefox() {
    const { default: puppeteer } = await import('puppeteer-core');
    return puppeteer.launch({
        browser: 'firefox',
        executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
        headless: true,
        defaultViewport: { width: 1280, height: 720 },
    });
}
