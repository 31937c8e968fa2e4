// `./run dist`: writes dist/, a static site that any host can serve: the
// lab, the embed view and the deck, our modules with both wasm packages,
// coi-serviceworker at the root (it gives threads where the host sends no
// COOP/COEP headers), and the npm files the pages load, found by following
// every `node_modules/...` reference of the pages and our modules, and the
// imports and url()s of those files in turn. Paths stay as they are in the
// repository, so every page works at the site's root or under a sub-path.

import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { BUILDS } from '../www/builds.js';

const ROOT = new URL('../', import.meta.url).pathname;
const OUT = join(ROOT, 'dist');
const PAGES = ['index.html', 'embed.html', 'slides/index.html', 'slides/slides.js', 'slides/slides.css'];
const OURS = ['www'];
const NOT_SHIPPED = /(^|\/)(\.gitignore|package\.json|README\.md)$/;

/** Every file under `dir`, relative to the root. @param {string} dir @returns {string[]} */
function walk(dir) {
    return readdirSync(join(ROOT, dir)).flatMap((name) => {
        const path = join(dir, name);
        return statSync(join(ROOT, path)).isDirectory() ? walk(path) : [path];
    });
}

/**
 * The files `file` loads from node_modules: `node_modules/...` paths in
 * our files; relative imports, `@import`s and `url()`s in npm's.
 * @param {string} file
 * @returns {string[]}
 */
function references(file) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const found = [];
    if (!file.startsWith('node_modules/')) {
        for (const [, path] of text.matchAll(/node_modules\/([^'"()\s?#]+)/g)) found.push(`node_modules/${path}`);
        return found;
    }
    const relativeRefs = file.endsWith('.css')
        ? [
            ...text.matchAll(/@import\s+(?:url\()?["']?([^"')\s;]+)/g),
            ...text.matchAll(/url\(\s*["']?(?!data:|#|https?:)([^"')?#]+)/g),
        ]
        : [
            ...text.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g),
            ...text.matchAll(/\bimport\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g),
        ];
    for (const [, ref] of relativeRefs) found.push(normalize(join(dirname(file), ref)));
    return found;
}

/** The npm files that `ours` (our files) load, and the packages' licenses. @param {string[]} ours */
function npmFiles(ours) {
    const seen = new Set();
    const queue = [...PAGES, ...ours.filter((f) => /\.(js|css|html)$/.test(f) && !f.startsWith('www/pkg/'))];
    while (queue.length) {
        for (const ref of references(/** @type {string} */ (queue.pop()))) {
            if (seen.has(ref)) continue;
            if (!existsSync(join(ROOT, ref))) throw new Error(`a page loads ${ref}, which is not there: run npm ci`);
            seen.add(ref);
            queue.push(ref);
        }
    }
    // Each package's license goes with its files.
    for (const file of [...seen]) {
        const pkg = file.split('/').slice(0, file.split('/')[1].startsWith('@') ? 3 : 2).join('/');
        for (const name of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) if (existsSync(join(ROOT, pkg, name))) seen.add(join(pkg, name));
    }
    return [...seen].sort();
}

for (const { name } of BUILDS) {
    if (!existsSync(join(ROOT, 'www/pkg', name, 'exprlab_bg.wasm'))) throw new Error(`www/pkg/${name} is not built: run ./run build`);
}
rmSync(OUT, { recursive: true, force: true });
const ours = OURS.flatMap(walk);
const files = [...PAGES, ...ours, ...npmFiles(ours)].filter((f) => !NOT_SHIPPED.test(f));
for (const file of files) {
    mkdirSync(dirname(join(OUT, file)), { recursive: true });
    cpSync(join(ROOT, file), join(OUT, file));
}
// The service worker must sit at the site's root to control every page.
cpSync(join(ROOT, 'node_modules/coi-serviceworker/coi-serviceworker.js'), join(OUT, 'coi-serviceworker.js'));
cpSync(join(ROOT, 'node_modules/coi-serviceworker/LICENSE'), join(OUT, 'coi-serviceworker.LICENSE'));
// GitHub Pages' Jekyll would leave out node_modules/ without it.
writeFileSync(join(OUT, '.nojekyll'), '');
const written = walk('dist');
const bytes = written.reduce((sum, f) => sum + statSync(join(ROOT, f)).size, 0);
console.log(`dist/: ${written.length} files, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
for (const f of written.filter((f) => f.startsWith('dist/node_modules/'))) console.log(`  ${relative('dist', f)}`);
