// The Content-Security-Policy is written twice for each page: as a header
// in serve.json (./run serve) and in the page's meta tag (any static host,
// dist/). These must agree; and the deck's policy allows reveal.js's
// speaker view by the hashes of its inline script and style, which must be
// the hashes of the reveal.js installed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const ROOT = new URL('../../', import.meta.url);
const read = (/** @type {string} */ path) => readFileSync(new URL(path, ROOT), 'utf8');

/** The policy of a page's meta tag. @param {string} page */
function metaPolicy(page) {
    const found = read(page).match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(found, `${page} has no CSP meta tag`);
    return found[1];
}

/** serve.json's policy for a path (its last matching rule wins, as in serve-handler). @param {string} source */
function headerPolicy(source) {
    const config = JSON.parse(read('serve.json'));
    const rule = config.headers.filter((/** @type {any} */ h) => h.source === source).at(-1);
    return rule.headers.find((/** @type {any} */ h) => h.key === 'Content-Security-Policy').value;
}

test('each page sends the same policy from serve.json and from its meta tag', () => {
    assert.equal(metaPolicy('index.html'), headerPolicy('**'));
    assert.equal(metaPolicy('embed.html'), headerPolicy('**'));
    assert.equal(metaPolicy('slides/index.html'), headerPolicy('slides/**'));
});

test("the deck's policy allows the installed reveal.js speaker view, and no other inline code", () => {
    const plugin = read('node_modules/reveal.js/dist/plugin/notes.mjs');
    // The speaker view is one string literal written into its popup.
    const literal = plugin.match(/\.document\.write\(("(?:[^"\\]|\\.)*")\)/)?.[1];
    assert.ok(literal, 'the notes plugin no longer writes its speaker view with document.write');
    // A JS string literal as JSON: \xNN as \u00NN, raw control characters escaped.
    const json = literal.replace(/\\x([0-9A-Fa-f]{2})/g, '\\u00$1').replace(/\\'/g, "'")
        .replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const html = JSON.parse(json);
    const hash = (/** @type {string} */ text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => hash(m[1]));
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g), ...html.matchAll(/style="([^"]*)"/g)].map((m) => hash(m[1]));
    const policy = metaPolicy('slides/index.html');
    const directive = (/** @type {string} */ name) => policy.split(';').map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name)?.slice(1) ?? [];
    assert.deepEqual(directive('script-src').filter((s) => s.startsWith("'sha256-")).sort(), [...new Set(scripts)].sort());
    assert.deepEqual(directive('style-src').filter((s) => s.startsWith("'sha256-")).sort(), [...new Set(styles)].sort());
    assert.ok(!policy.includes("'unsafe-inline'"));
});
