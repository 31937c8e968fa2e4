// The npm package (`./run package`, scripts/package.mjs) as a web
// developer meets it: packed, it holds the API, its types, the worker and
// both wasm builds and nothing else; installed into a separate small
// project, a TypeScript consumer (tests/package/consumer.ts) compiles
// against its types, and the project's page, served cross-origin isolated,
// evaluates and times expressions in Chromium through the installed
// package, on every thread.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launch, open, serve } from '../../scripts/browser.mjs';

const TSC = join(ROOT, 'node_modules/.bin/tsc');
const project = mkdtempSync(join(tmpdir(), 'exprlab-consumer-'));
let tarball = '';

before(() => {
    tarball = execFileSync('node', [join(ROOT, 'scripts/package.mjs')], { encoding: 'utf8' }).trim();
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    for (const file of ['consumer.ts', 'tsconfig.json', 'index.html', 'serve.json']) {
        cpSync(join(ROOT, 'tests/package', file), join(project, file));
    }
    // A local tarball with no dependencies: npm needs no network.
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, stdio: 'pipe' });
});

after(() => rmSync(project, { recursive: true, force: true }));

test('the package holds the API, its types, the worker and the four wasm builds, and nothing else', () => {
    const [{ files }] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', tarball], { cwd: project, encoding: 'utf8' }));
    assert.deepEqual(files.map((/** @type {{path: string}} */ f) => f.path).sort(), [
        'README.md', 'builds.js', 'exprlab.d.ts', 'exprlab.js', 'package.json',
        'pkg/single-relaxed/exprlab.js', 'pkg/single-relaxed/exprlab_bg.wasm',
        'pkg/single/exprlab.js', 'pkg/single/exprlab_bg.wasm',
        'pkg/threads-relaxed/exprlab.js', 'pkg/threads-relaxed/exprlab_bg.wasm',
        'pkg/threads-relaxed/snippets/wasm-bindgen-rayon-38edf6e439f6d70d/src/workerHelpers.no-bundler.js',
        'pkg/threads/exprlab.js', 'pkg/threads/exprlab_bg.wasm',
        'pkg/threads/snippets/wasm-bindgen-rayon-38edf6e439f6d70d/src/workerHelpers.no-bundler.js',
        'wasm-feature-detect.LICENSE', 'wasm-feature-detect.js', 'worker.js',
    ]);
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/exprlab/package.json'), 'utf8'));
    assert.deepEqual(manifest.exports, { '.': { types: './exprlab.d.ts', default: './exprlab.js' } });
    assert.match(readFileSync(join(project, 'node_modules/exprlab/README.md'), 'utf8'), /Cross-Origin-Embedder-Policy/);
});

test('a TypeScript consumer compiles against the installed types, and they catch misuse', () => {
    execFileSync(TSC, ['-p', project], { stdio: 'pipe' });
    // Each `@ts-expect-error` in consumer.ts is a misuse the types refuse:
    // without them, tsc must report errors on exactly the lines after them.
    const loose = readFileSync(join(project, 'consumer.ts'), 'utf8').replaceAll('// @ts-expect-error', '//');
    writeFileSync(join(project, 'loose.ts'), loose);
    let output = '';
    try {
        execFileSync(TSC, ['--noEmit', '--strict', '--target', 'es2022', '--module', 'es2022', '--moduleResolution', 'bundler',
            '--lib', 'es2023,dom', '--types', '', '--ignoreConfig', join(project, 'loose.ts')], { cwd: project, encoding: 'utf8' });
    } catch (e) {
        output = /** @type {{stdout: string}} */ (e).stdout;
    }
    rmSync(join(project, 'loose.ts'));
    const misuses = loose.split('\n').flatMap((l, i) => (l.startsWith('//: ') || l.startsWith('// : ') ? [i + 2] : []));
    const lines = output.split('\n').filter((l) => l.includes('error TS')).map((l) => Number(/^loose\.ts\((\d+),/.exec(l)?.[1]));
    assert.equal(misuses.length, 2);
    assert.deepEqual([...new Set(lines)], misuses, output);
});

test('the project\'s page evaluates through the installed package, isolated, on every thread', async () => {
    const { context, close } = await launch();
    const { url, stop } = await serve('serve.json', project);
    try {
        const { page, errors } = await open(context, url, { ready: null });
        await page.waitForFunction(() => 'outcome' in window, null, { timeout: 60_000 });
        const outcome = await page.evaluate(() => /** @type {any} */ (window).outcome);
        assert.equal(outcome.isolated, true);
        assert.equal(outcome.threads, outcome.hardware);
        assert.equal(outcome.y.length, 1000);
        outcome.x.forEach((/** @type {number} */ x, /** @type {number} */ i) =>
            assert.ok(Math.abs(outcome.y[i] - Math.sin(2 * Math.PI * x)) < 1e-15, `sin(2*pi*${x})`));
        assert.equal(outcome.total, 90);
        assert.ok(outcome.best > 0 && outcome.threadsUsed >= 1 && outcome.threadsUsed <= outcome.threads);
        assert.equal(outcome.problem.message, 'unknown name `y`; did you mean `x`?');
        assert.deepEqual(errors, []);
    } finally {
        stop();
        await close();
    }
});
