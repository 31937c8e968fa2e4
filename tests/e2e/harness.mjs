// What a test file of the pages starts before its tests and stops after
// them: Debian's headless Chromium and the lab's static server.

import { after, before } from 'node:test';
import { launch, serve } from '../../scripts/browser.mjs';

/**
 * A browser (granted `permissions`) and a server of the repository (with
 * `config`'s headers) for the tests of one file; their fields are set once
 * its `before` hook ran.
 * @param {{config?: string, permissions?: string[]}} [options]
 */
export function chromiumAndServer({ config = 'serve.json', permissions = [] } = {}) {
    const env = { browser: /** @type {import('playwright-core').BrowserContext} */ (/** @type {unknown} */ (undefined)), url: '' };
    let close = async () => {};
    let stop = () => {};
    before(async () => {
        ({ context: env.browser, close } = await launch());
        await env.browser.grantPermissions(permissions);
        ({ url: env.url, stop } = await serve(config));
    });
    after(async () => {
        await close();
        stop();
    });
    return env;
}
