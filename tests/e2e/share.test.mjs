// Experiments as links, in Debian's headless Chromium: a share link opens
// the same experiment with the same result bits, and hostile links are
// harmless (a one-line message, a working lab, nothing run but the engine).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, race, setInputs } from '../../scripts/browser.mjs';
import { chromiumAndServer } from './harness.mjs';

const env = chromiumAndServer({ permissions: ['clipboard-read', 'clipboard-write'] });


/**
 * SHA-256 of the result's bytes of the experiment in the page's own URL,
 * evaluated through the JS API (the VM, SIMD, one thread).
 * @param {import('playwright-core').Page} page
 */
function resultDigest(page) {
    return page.evaluate(async () => {
        const { parseLink, vars } = await import('/www/experiment.js');
        const { createLab } = await import('/www/exprlab.js');
        const { experiment } = parseLink(location.hash.slice(1));
        const lab = await createLab();
        const result = await lab.evaluate(experiment.expr, vars(experiment.inputs));
        lab.terminate();
        const bytes = ArrayBuffer.isView(result) ? result : new TextEncoder().encode(String(result));
        const digest = await crypto.subtle.digest('SHA-256', bytes);
        return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    });
}

/** The form's experiment, as a user reads it. @param {import('playwright-core').Page} page */
function form(page) {
    return page.evaluate(() => ({
        expr: /** @type {HTMLTextAreaElement} */ (document.querySelector('#expr')).value,
        inputs: [...document.querySelectorAll('#inputs tr')].map((tr) => [
            ...[...tr.querySelectorAll('input')].map((i) => i.value), tr.querySelector('select')?.value]),
        threads: /** @type {HTMLInputElement} */ (document.querySelector('#threads')).value,
        repeats: /** @type {HTMLInputElement} */ (document.querySelector('#repeats')).value,
        loops: /** @type {HTMLInputElement} */ (document.querySelector('#loops')).value,
        engines: ['eager', 'scalar', 'simd'].filter((e) => /** @type {HTMLInputElement} */ (document.querySelector(`#engine-${e}`)).checked),
    }));
}

test('a share link round trip: the same experiment, the same result bits', async () => {
    const { page, errors } = await open(env.browser, env.url);
    await page.fill('#expr', 'k*exp(-x**2/2) + y');
    await setInputs(page, [['x', 'linspace(-2, 2, 100001)', 'float32'], ['k', '0.5', 'float32'], ['y', 'normal(100001, 9)', 'float32']]);
    await page.fill('#threads', '1,max');
    await page.uncheck('#engine-scalar');
    const rows = await race(page, { repeats: 2, loops: 3 });
    assert.deepEqual(rows.map((r) => r[0]), ['eager', 'vm SIMD', 'vm SIMD ×2']);
    await page.click('#copy-link');
    await page.waitForFunction(() => document.querySelector('#copy-status')?.textContent === 'Link copied.');
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(link, await page.evaluate(() => location.href));
    assert.match(link, /#expr=k\*exp\(-x\*\*2\/2\)%20\+%20y&x=linspace\(-2,%202,%20100001\):float32&k=0\.5:float32&y=normal\(100001,%209\):float32&engines=eager,simd&threads=1,max&repeats=2&loops=3$/);
    const edited = await form(page);
    const summary = await page.textContent('#summary');
    const digest = await resultDigest(page);

    const fresh = await open(env.browser, `${link}&run`);
    assert.deepEqual(await form(fresh.page), edited);
    await fresh.page.waitForFunction(() => document.querySelectorAll('#race tr').length === 3 && !document.body.classList.contains('busy'), null, { timeout: 60_000 });
    assert.equal(await fresh.page.textContent('#summary'), summary);
    assert.equal(await resultDigest(fresh.page), digest);
    // A reload keeps the experiment too.
    await fresh.page.fill('#expr', 'k*x');
    await fresh.page.waitForFunction(() => location.hash.startsWith('#expr=k*x&'));
    await fresh.page.reload();
    await fresh.page.waitForSelector('body[data-ready]');
    assert.equal(await fresh.page.inputValue('#expr'), 'k*x');
    assert.deepEqual(errors, []);
    assert.deepEqual(fresh.errors, []);
    await page.close();
    await fresh.page.close();
});

test('hostile links: a one-line message, a working lab, nothing run but the engine', async () => {
    const big = `expr=${'x'.repeat(1 << 20)}`;
    const many = ['expr=a0', ...Array.from({ length: 500 }, (_, i) => `a${i}=zeros(1)`)].join('&');
    const img = encodeURIComponent('<img src=x onerror=alert(1)>');
    const cases = [
        ['expr=%E0%A4%A&x=zeros(3)', /`expr=%E0%A4%A` is not valid percent-encoding/],
        ['expr=x&bogus-key=1&x=zeros(3)', /`bogus-key` is not a key of an experiment/],
        [`expr=${img}&x=zeros(3)`, null],
        [`expr=x&${img}=zeros(3)`, /`<img src=x onerror=alert\(1\)>` is not a key/],
        [`expr=${encodeURIComponent('</script><script>alert(1)</script>')}&x=zeros(3)`, null],
        ['expr=2*x&x=zeros(1e12)&run', null],
        [big, /the link's experiment is 1,048,581 characters long; at most 16,384 are read, so it was ignored/],
        [many, /the link has 500 inputs; the lab takes at most 32, and the first 32 were read/],
        ['expr=x&x=zeros(3):float128', /the dtype `float128` of `x` is not one of float64/],
    ];
    for (const [fragment, message] of cases) {
        const { page, errors, warnings } = await open(env.browser, `${env.url}#${fragment}`);
        const line = await page.textContent('#link-message');
        if (message) {
            assert.equal(await page.isVisible('#link-message'), true, fragment.slice(0, 60));
            assert.match(line ?? '', message);
            assert.doesNotMatch(line ?? '', /\n/);
            assert.ok(warnings.some((w) => w.startsWith('ExprLab: ')), `${fragment.slice(0, 60)}: no warning`);
        } else {
            assert.equal(await page.isVisible('#link-message'), false, `${fragment.slice(0, 60)}: ${line}`);
        }
        // Nothing of the link became markup.
        assert.equal(await page.locator('img, script:not([src])').count(), 0);
        assert.deepEqual(errors, [], fragment.slice(0, 60));
        await page.close();
    }
    // The expression with markup is only text: shown as typed, refused by the engine with a span.
    const { page } = await open(env.browser, `${env.url}#expr=${img}&x=zeros(3)`);
    assert.equal(await page.inputValue('#expr'), '<img src=x onerror=alert(1)>');
    await page.waitForSelector('#check-message.error');
    assert.equal(await page.isDisabled('#run'), true);
    await page.close();
    // 1e12 elements: the engine's error under the constructor, then the lab runs the classic.
    const huge = await open(env.browser, `${env.url}#expr=2*x&x=zeros(1e12)&run`);
    await huge.page.waitForSelector('#run-error:not([hidden])', { timeout: 30_000 });
    assert.match(await huge.page.textContent('#run-error') ?? '', /zeros\(1e12\)[\s\S]*error: 1000000000000 elements is more than the limit of 2147483647 elements$/);
    await huge.page.click('#gallery button:first-child');
    await setInputs(huge.page, [['x', 'linspace(-1, 1, 1000)', 'float64']]);
    await huge.page.fill('#expr', 'sin(2*pi*x)');
    const rows = await race(huge.page, { loops: 1 });
    assert.equal(rows[0][0], 'eager');
    assert.equal(await huge.page.isVisible('#run-error'), false);
    assert.deepEqual(huge.errors, []);
    await huge.page.close();
});

test('Copy link where the clipboard is refused: the link is shown, selected', async () => {
    const { page, errors } = await open(env.browser, `${env.url}#expr=x%2B1&x=arange(5)`);
    // A browser that refuses the clipboard (no permission, an insecure page, an old browser).
    await page.evaluate(() => {
        navigator.clipboard.writeText = () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
    });
    await page.click('#copy-link');
    await page.waitForSelector('#link-box:not([hidden])');
    assert.equal(await page.textContent('#copy-status'), 'Copy the selected link:');
    const box = await page.evaluate(() => {
        const input = /** @type {HTMLInputElement} */ (document.querySelector('#link-box'));
        return { value: input.value, selected: input.value.slice(input.selectionStart ?? 0, input.selectionEnd ?? 0), focused: document.activeElement === input };
    });
    assert.equal(box.value, await page.evaluate(() => location.href));
    assert.equal(box.selected, box.value);
    assert.equal(box.focused, true);
    assert.match(box.value, /#expr=x\+1&x=arange\(5\):float64$/);
    assert.deepEqual(errors, []);
    await page.close();
});
