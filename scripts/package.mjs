// `./run package`: the npm package `exprlab`, packed into target/npm/ as
// exprlab-<version>.tgz: the JavaScript API (www/exprlab.js) as its ES
// module entry with types generated from its JSDoc (exprlab.d.ts), the
// engine's worker and what it imports (wasm-feature-detect's module beside
// it, with its licence), the four wasm builds, its README (npm/README.md);
// nothing else. Prints the tarball's path.
// Needs the wasm builds (`./run build`).

import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILDS } from '../www/builds.js';

const ROOT = new URL('../', import.meta.url).pathname;
const OUT = join(ROOT, 'target/npm');
const STAGE = join(OUT, 'exprlab');
/** The modules of the API: the entry, the worker it starts, and the worker's import. */
const MODULES = ['exprlab.js', 'worker.js', 'builds.js'];
/** The feature detection the worker imports from node_modules, and where the package holds it. */
const DETECT = { from: '../node_modules/wasm-feature-detect/dist/esm/index.js', to: './wasm-feature-detect.js' };

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))?.[1];
if (!version) throw new Error('Cargo.toml has no version');
for (const { name } of BUILDS) {
    if (!existsSync(join(ROOT, 'www/pkg', name, 'exprlab_bg.wasm'))) {
        throw new Error(`www/pkg/${name} is missing: run ./run build first`);
    }
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(STAGE, { recursive: true });
for (const file of MODULES) cpSync(join(ROOT, 'www', file), join(STAGE, file));
const worker = readFileSync(join(STAGE, 'worker.js'), 'utf8');
if (!worker.includes(DETECT.from)) throw new Error(`www/worker.js no longer imports ${DETECT.from}`);
writeFileSync(join(STAGE, 'worker.js'), worker.replace(DETECT.from, DETECT.to));
cpSync(join(ROOT, 'www', DETECT.from), join(STAGE, DETECT.to));
cpSync(join(ROOT, 'node_modules/wasm-feature-detect/LICENSE'), join(STAGE, 'wasm-feature-detect.LICENSE'));
for (const { name: build } of BUILDS) {
    cpSync(join(ROOT, 'www/pkg', build), join(STAGE, 'pkg', build), {
        recursive: true,
        filter: (source) => !source.endsWith('.gitignore'),
    });
}
cpSync(join(ROOT, 'npm/README.md'), join(STAGE, 'README.md'));

// The types, from the same JSDoc that tsc checks in ./run test.
execFileSync(join(ROOT, 'node_modules/.bin/tsc'), [
    join(STAGE, 'exprlab.js'), '--allowJs', '--declaration', '--emitDeclarationOnly', '--strict',
    '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', 'es2023,dom', '--ignoreConfig', '--outDir', STAGE,
], { stdio: 'inherit' });

const manifest = {
    name: 'exprlab',
    version,
    description: 'Fast array expressions in the browser: a Rust engine in WebAssembly with SIMD kernels and a thread pool, numexpr\'s idea in a web worker',
    license: 'MIT',
    type: 'module',
    exports: { '.': { types: './exprlab.d.ts', default: './exprlab.js' } },
    types: './exprlab.d.ts',
    files: ['exprlab.js', 'exprlab.d.ts', ...MODULES.slice(1), 'wasm-feature-detect.js', 'wasm-feature-detect.LICENSE', 'pkg/'],
    sideEffects: false,
    keywords: ['numexpr', 'webassembly', 'simd', 'array', 'expression', 'worker'],
};
writeFileSync(join(STAGE, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);

const [packed] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', OUT], { cwd: STAGE, encoding: 'utf8' }));
console.log(join(OUT, packed.filename));
