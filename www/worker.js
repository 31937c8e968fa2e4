// The lab's worker: it loads the wasm build the page can run (www/builds.js:
// the threaded one when the page is cross-origin isolated, else the
// single-threaded one, `?pool=no` asking for the single-threaded one; with
// relaxed SIMD when the browser has it, `?relaxed=no` asking for plain SIMD),
// starts the thread pool, and answers the requests of exprlab.js. Evaluation
// blocks this worker, never the page.
//
// A request is {id, op, args}; the answer is {id, ok: true, value} or
// {id, ok: false, error: {message, fatal}}, and a long request may post
// {id, progress} before it. `fatal` means the wasm instance trapped and
// this worker must be replaced.

// @ts-expect-error: wasm-feature-detect's types are in dist/index.d.ts (the package's `types`), not beside this file.
import * as detect from '../node_modules/wasm-feature-detect/dist/esm/index.js';
import { buildFor } from './builds.js';

/** @type {typeof import('wasm-feature-detect')} */
const { relaxedSimd } = detect;

const isolated = self.crossOriginIsolated === true;
const params = new URL(self.location.href).searchParams;
const pool = isolated && params.get('pool') !== 'no';
const relaxedAsked = params.get('relaxed') !== 'no';
const relaxed = relaxedAsked && await relaxedSimd();
/** Why the build has plain SIMD, or null when it has relaxed SIMD. */
const plainWhy = relaxed ? null : relaxedAsked ? 'this browser has no relaxed SIMD' : 'relaxed SIMD turned off';
const build = buildFor(pool, relaxed).name;
const wasm = await import(`./pkg/${build}/exprlab.js`);
/** @type {any} */
let lab;
let poolSize = 1;

try {
    await wasm.default();
    if (pool) {
        poolSize = Math.max(1, navigator.hardwareConcurrency || 1);
        // A heartbeat while the pool starts: in Firefox this worker
        // sometimes stops for good meanwhile, and the page replaces a
        // worker that falls silent (www/exprlab.js).
        const beat = () => self.postMessage({ startingPool: true });
        beat();
        const heartbeat = setInterval(beat, 250);
        try {
            await wasm.initThreadPool(poolSize);
        } finally {
            clearInterval(heartbeat);
        }
    }
    lab = new wasm.Lab();
    self.postMessage({ ready: { build, relaxed, plainWhy, isolated, threads: poolSize } });
} catch (e) {
    self.postMessage({ failed: String(/** @type {Error} */ (e).message || e) });
}

/**
 * The typed arrays, the dtype each holds and the engine's setter of it. A
 * Uint8Array holds bools unless it is declared uint8; a Float64Array holds
 * float64 unless it is declared complex128 (real and imaginary parts
 * interleaved).
 * @type {[Function, string, (name: string, value: any) => void][]}
 */
const ARRAYS = [
    [Float64Array, 'float64', (n, v) => lab.setFloat64(n, v)],
    [Float32Array, 'float32', (n, v) => lab.setFloat32(n, v)],
    [BigInt64Array, 'int64', (n, v) => lab.setInt64(n, v)],
    [Int32Array, 'int32', (n, v) => lab.setInt32(n, v)],
    [Int16Array, 'int16', (n, v) => lab.setInt16(n, v)],
    [Int8Array, 'int8', (n, v) => lab.setInt8(n, v)],
    [Uint8Array, 'bool', (n, v) => lab.setBool(n, v)],
    [BigUint64Array, 'uint64', (n, v) => lab.setUint64(n, v)],
    [Uint32Array, 'uint32', (n, v) => lab.setUint32(n, v)],
    [Uint16Array, 'uint16', (n, v) => lab.setUint16(n, v)],
    [Uint8Array, 'uint8', (n, v) => lab.setUint8(n, v)],
    [Float64Array, 'complex128', (n, v) => lab.setComplex128(n, v)],
];

/**
 * Sets the input `name` to a copy of a typed array of one of the dtypes,
 * of `dtype` when it is given.
 * @param {string} name
 * @param {unknown} value
 * @param {string} [dtype]
 * @returns {boolean} whether it was one
 */
function setArray(name, value, dtype) {
    const held = ARRAYS.filter(([type]) => value instanceof type);
    if (!held.length) return false;
    const row = dtype === undefined ? held[0] : held.find(([, d]) => d === dtype);
    if (!row) {
        const kinds = held.map(([, d]) => d).join(' or ');
        const type = String(value?.constructor.name);
        const article = /^[AEIOU]/.test(type) ? 'an' : 'a';
        throw new TypeError(`the data of \`${name}\` is ${article} ${type}, which holds ${kinds}, not ${dtype}`);
    }
    row[2](name, value);
    return true;
}

/**
 * Sets the input `name` to byte strings: a list of strings (each encoded
 * as UTF-8 and padded with NULs to the longest), or `data` of `dtype`
 * `S<width>` (NumPy's layout: `width` bytes a string, back to back).
 * @param {string} name
 * @param {unknown} data
 * @param {string} [dtype]
 * @returns {boolean} whether it was byte strings
 */
function setBytes(name, data, dtype) {
    const width = /^S(\d+)$/.exec(dtype ?? '')?.[1];
    if (width !== undefined) {
        if (!(data instanceof Uint8Array)) throw new TypeError(`the data of \`${name}\` (${dtype}) is not a Uint8Array`);
        lab.setBytes(name, Number(width), data);
        return true;
    }
    if (!Array.isArray(data)) return false;
    if (!data.every((s) => typeof s === 'string')) {
        throw new TypeError(`the list \`${name}\` holds something other than strings: a list input is byte strings`);
    }
    const encoder = new TextEncoder();
    const items = data.map((s) => encoder.encode(s));
    // A loop, not Math.max(...items): a million arguments overflow the stack.
    const longest = items.reduce((most, b) => Math.max(most, b.length), 1);
    const bytes = new Uint8Array(longest * items.length);
    items.forEach((b, i) => bytes.set(b, i * longest));
    lab.setBytes(name, longest, bytes);
    return true;
}

/**
 * Sets the inputs before a request: `set` holds values (typed arrays,
 * `{data, shape?, dtype?}` arrays, numbers, bigints, booleans, `{value, dtype}` scalars), `define`
 * constructors (`{constructor, dtype}`, the dtype optional); every other
 * input is removed unless `keep` names it.
 * @param {{set: Record<string, any>, define: Record<string, {constructor: string, dtype?: string}>, keep: string[]}} args
 */
function sync({ set, define, keep }) {
    const wanted = new Set([...Object.keys(set), ...Object.keys(define), ...keep]);
    for (const { name } of lab.inputs()) {
        if (!wanted.has(name)) lab.remove(name);
    }
    for (const [name, { constructor, dtype }] of Object.entries(define)) lab.define(name, constructor, dtype);
    for (const [name, value] of Object.entries(set)) {
        if (setArray(name, value) || setBytes(name, value)) continue;
        if (value?.data !== undefined) {
            const { data, shape, dtype } = value;
            const dims = shape === undefined || (Array.isArray(shape) && shape.every((d) => Number.isInteger(d) && d >= 0));
            if (!dims) throw new TypeError(`the shape of \`${name}\` is not a list of whole numbers from 0 up`);
            if (!setBytes(name, data, dtype) && !setArray(name, data, dtype)) {
                throw new TypeError(`the data of \`${name}\` is not a typed array or a list of strings`);
            }
            if (shape !== undefined) lab.reshape(name, shape);
        } else if (typeof value === 'number') lab.setScalar(name, value, 'float64');
        else if (typeof value === 'bigint') lab.setInt64Scalar(name, value);
        else if (typeof value === 'boolean') lab.setScalar(name, Number(value), 'bool');
        else if (typeof value?.value === 'number') lab.setScalar(name, value.value, value.dtype);
        else throw new TypeError(`the input \`${name}\` is not a typed array, a list of strings, {data, shape, dtype}, a number, a bigint, a boolean or {value, dtype}`);
    }
    return lab.inputs();
}

/**
 * Times `expr` as Python's timeit does (in the engine: `Lab.time`), after
 * one untimed run unless `warmUp` is false; posts each finished repeat.
 * @param {number} id
 * @param {{expr: string, engine: string, simd: boolean, accuracy: string, threads: number,
 *   loops?: number, repeats: number, minTime: number, reference: boolean, warmUp: boolean}} args
 * @returns {import('./exprlab.js').Figures}
 */
function time(id, { expr, engine, simd, accuracy, threads, loops, repeats, minTime, reference, warmUp }) {
    const onRepeat = (/** @type {number} */ done, /** @type {number} */ total) =>
        self.postMessage({ id, progress: { done, total } });
    return lab.time(expr, engine, simd, String(accuracy), threads, loops, repeats, minTime, warmUp, reference, onRepeat);
}

/**
 * Races the contenders of `engines` and `threads` on `expr` in rounds
 * (in the engine: `Lab.race`); posts each step.
 * @param {number} id
 * @param {{expr: string, engines: string[], threads?: (number | string)[],
 *   loops?: number, repeats: number, minTime: number}} args
 * @returns {import('./exprlab.js').RaceRow[]}
 */
function race(id, { expr, engines, threads, loops, repeats, minTime }) {
    const progress = (/** @type {unknown} */ step) => self.postMessage({ id, progress: step });
    return lab.race(expr, engines, threads?.map(String), poolSize, loops, repeats, minTime, progress);
}

/**
 * Declared types as the wasm `check` and `disassemble` take them.
 * @param {Record<string, string | {dtype: string, scalar?: boolean}>} types
 */
function declared(types) {
    const entries = Object.entries(types).map(([name, t]) =>
        typeof t === 'string' ? [name, t, 0] : [name, t.dtype, t.scalar ? 1 : 0]);
    return [entries.map((e) => e[0]), entries.map((e) => e[1]), new Uint8Array(entries.map((e) => Number(e[2])))];
}

/** @type {Record<string, (id: number, args: any) => any>} */
const ops = {
    inputs: () => lab.inputs(),
    evaluate: (_, { expr, engine, simd, accuracy, threads }) => lab.evaluate(expr, engine, simd, String(accuracy), threads),
    time,
    race,
    contenders: (_, { engines, threads }) => wasm.contenders(engines, threads?.map(String), poolSize),
    bound: (_, { expr, threads, repeats, minTime }) => lab.streamBound(expr, threads, repeats, minTime),
    result: () => lab.result(),
    summary: () => lab.summary(),
    plot: (_, { columns, part }) => lab.plot(columns, part),
    picture: (_, { width, height, part }) => lab.picture(width, height, part),
    disassemble: (_, { expr, types }) =>
        types ? wasm.disassemble(expr, ...declared(types)) : lab.disassemble(expr),
    check: (_, { expr, types }) => wasm.check(expr, ...declared(types)) ?? null,
    functions: () => wasm.functions(),
};

self.onmessage = (/** @type {MessageEvent} */ event) => {
    const { id, op, args } = event.data;
    try {
        if (!lab) throw new Error('the engine failed to start');
        if (args?.inputs) {
            try {
                sync(args.inputs);
            } catch (e) {
                // Marked, so that the page knows the inputs are not all set.
                throw Object.assign(/** @type {Error} */ (e), { inputs: true });
            }
        }
        const value = ops[op](id, args);
        self.postMessage({ id, ok: true, value });
    } catch (e) {
        const error = /** @type {Error} */ (e);
        const fatal = error instanceof WebAssembly.RuntimeError;
        const message = fatal
            ? `the engine stopped (${error.message}); it has been restarted`
            : String(error.message || error);
        self.postMessage({ id, ok: false, error: { message, fatal, inputs: Boolean(/** @type {any} */ (error).inputs) } });
    }
};
