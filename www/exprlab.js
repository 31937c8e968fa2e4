// ExprLab's JavaScript API: the engine in a dedicated module worker, so
// that evaluation never blocks the page, with a thread pool of every core
// when the page is cross-origin isolated.
//
//     import { createLab } from './www/exprlab.js';
//     const lab = await createLab();
//     const y = await lab.evaluate('sin(2*pi*x)', { x: 'linspace(-1, 1, 1e6)' });
//     const t = await lab.time('sin(2*pi*x)', { x: 'linspace(-1, 1, 1e6)' }, { threads: 2 });
//
// Every method returns a promise; requests run one after another, in order.

/**
 * A dtype: NumPy's name, or `S<width>` for byte strings (NumPy's `S5`:
 * five bytes a string, padded with NULs).
 * @typedef {'bool' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'float32' | 'float64' | 'complex128' | 'bytes' | `S${number}`} DType
 */
/** @typedef {Float64Array | Float32Array | BigInt64Array | Int32Array | Int16Array | Int8Array | BigUint64Array | Uint32Array | Uint16Array | Uint8Array} TypedArray */
/**
 * An input: a typed array (a Uint8Array holds bools), an array of any
 * shape as `{data, shape}` (its elements in C order: the last index varies
 * fastest, as NumPy lays them out) and of a declared dtype as `{data,
 * dtype}` (`{data: bytes, dtype: 'uint8'}`; complex128 as a Float64Array of
 * real and imaginary parts in turn), byte strings as a list of strings
 * (UTF-8, padded with NULs to the longest) or as NumPy lays them out,
 * `{data: Uint8Array, dtype: 'S5'}`, a number (a float64 scalar), a bigint
 * (int64), a boolean, a scalar of another dtype as `{value, dtype}`, or a
 * constructor of the engine, built in the worker: as text,
 * `'linspace(-1, 1, 1e6)'`, `'random(1e6, 42, float32)'`, or with its dtype
 * apart, `{constructor: 'arange(10)', dtype: 'int32'}`. Shapes broadcast
 * as NumPy's do.
 * @typedef {TypedArray | string[] | {data: TypedArray | string[], shape?: number[], dtype?: DType} | number | bigint | boolean
 *   | {value: number, dtype: DType} | {constructor: string, dtype?: DType} | string} Input
 */
/**
 * A result of any shape but 1-D: its elements in C order, its shape and
 * dtype (a 1-D result is a plain typed array: a Uint8Array for bool and
 * for uint8, a BigInt64Array or BigUint64Array for int64 and uint64). Byte
 * strings, of any shape, are a Uint8Array of `S<width>` (NumPy's layout).
 * @typedef {{data: TypedArray, shape: number[], dtype: DType}} NdResult
 */
/** @typedef {Record<string, Input>} Vars */
/**
 * Declared types for `check` and `disassemble`: a dtype for an array, or
 * `{dtype, scalar: true}` for a 0-d input.
 * @typedef {Record<string, DType | {dtype: DType, scalar?: boolean}>} Types
 */
/**
 * How to evaluate: the `vm` or the NumPy-style `eager` engine, the VM's
 * SIMD or scalar kernels, the SIMD kernels' `accuracy` (`'high'`, the
 * default: the README's bounds; `'low'`: `sin`, `cos`, `exp` and `log`
 * within 4 ULP and faster, as numexpr's VML 'low' mode), and the most
 * threads it may use (at most `lab.threads`; it uses as many as pay for
 * the work, docs/threads.md).
 * @typedef {{engine?: 'vm' | 'eager', simd?: boolean, accuracy?: 'high' | 'low', threads?: number}} RunOptions
 */
/**
 * timeit-style options: `loops` per batch (grown until a batch takes
 * `minTime` seconds, 0.2, when left out), `repeats` batches (5),
 * `reference`: keep this result as the one later timings are compared
 * with; `warmUp`: one untimed run first (true; a race leaves it out
 * after a contender's first repeat); `onProgress` hears of each finished
 * repeat.
 * @typedef {RunOptions & {loops?: number, repeats?: number, minTime?: number, reference?: boolean,
 *   warmUp?: boolean, onProgress?: (done: number, total: number) => void}} TimeOptions
 */
/**
 * Seconds per loop: the best and the mean and standard deviation over the
 * repeats, with the loops and repeats run, and `ulps`: the largest
 * difference from the reference result in units in the last place (0 for
 * the same bits; undefined without a reference). `threadsUsed`: the
 * threads the VM ran on, at most the threads asked for, as many as pay for
 * the work (like numexpr, fewer for small arrays and cheap programs), and
 * `threadsWhy` why fewer ("2 asked, 1 used: 10,000 elements (2 pay from
 * 106,667 of this program)"), undefined when all were used. `elements`: of
 * the result (or reduced); `bytes`: what the expression must move (its array
 * inputs read, its output written), whatever the engine.
 * @typedef {{best: number, mean: number, std: number, loops: number, repeats: number,
 *   perLoop: number[], ulps?: number, threadsUsed: number, threadsWhy?: string,
 *   elements: number, bytes: number}} Figures
 */
/**
 * What a race runs: `eager` (NumPy-style), `scalar` (the VM's scalar
 * kernels, one thread), `simd` (the VM's SIMD kernels, once per thread
 * count) and `simd-low` (the same in low accuracy).
 * @typedef {'eager' | 'scalar' | 'simd' | 'simd-low'} RaceEngine
 */
/**
 * A contender of a race: its label (`vm SIMD ×2`), engine, kernels (`simd`
 * for either accuracy; `kernels` names which) and the most threads it may
 * use.
 * @typedef {{label: string, engine: 'vm' | 'eager', simd: boolean, kernels: 'scalar' | 'simd' | 'simd-low',
 *   threads: number}} Contender
 */
/** @typedef {Contender & Figures} RaceRow a contender's figures so far */
/**
 * A step of a race: contender `index` of `of` (`label`) `starting` its
 * repeat of round `round` (from 0), or `finished` it, with every row so far.
 * @typedef {{step: 'starting' | 'finished', round: number, index: number, of: number, label: string,
 *   rows?: RaceRow[]}} RaceProgress
 */
/**
 * What to race: the `engines` (eager, scalar and simd when left out) and the SIMD VM's
 * thread counts (numbers or `max`; left out: the powers of two below
 * `lab.threads`, and `lab.threads`).
 * @typedef {{engines?: RaceEngine[], threads?: (number | 'max')[]}} RaceEntrants
 */
/**
 * A race's options: its entrants, `repeats` rounds (5), `loops` per batch
 * (grown in a contender's first repeat until a batch takes `minTime`
 * seconds, 0.2, when left out); `onProgress` hears of each step.
 * @typedef {RaceEntrants & {loops?: number, repeats?: number, minTime?: number,
 *   onProgress?: (progress: RaceProgress) => void}} RaceOptions
 */
/**
 * The stream bound: the seconds that moving `bytes` (what the expression
 * must read and write) takes on `threads` threads, measured by copying the
 * expression's array inputs in the engine's worker.
 * @typedef {{threads: number, best: number, bytes: number}} Bound
 */
/**
 * A compile error: the message, the span `start..end` as string indices
 * of the expression (undefined when it has no place), and the text with a
 * caret under the span.
 * @typedef {{message: string, start?: number, end?: number, text: string}} CheckError
 */
/**
 * A result's summary: a 0-d result's `value` as Python prints it; an
 * array's min, max and mean with NaNs left out (of a complex result, of its
 * magnitudes, which `magnitudes` says) and how many NaNs there were.
 * @typedef {{dtype: DType, length?: number, shape?: number[], value?: string, magnitudes: boolean, min: number, max: number, mean: number, nans: number}} Summary
 */
/** @typedef {{width: number, height: number, pixels: Float64Array}} Picture a result drawn as an image, row by row */
/**
 * What a plot or picture shows of each element: `value` (a real's value, a
 * complex's magnitude), or a complex's `real` or `imag` part.
 * @typedef {'value' | 'real' | 'imag'} Part
 */

/**
 * A function of the language: `name(params)` computes `doc`; `kind` is
 * `elementwise` or `reduction`; `kernel` says how floats are computed
 * (`simd`, `simd 2 ulp`: an approximation within 2 ULP, `scalar`, `constant`).
 * @typedef {{name: string, params: string, kind: string, dtypes: string, kernel: string, doc: string}} FunctionDoc
 */

/**
 * Whether an input is a constructor with its dtype apart.
 * @param {Input | undefined} value
 * @returns {value is {constructor: string, dtype?: DType}}
 */
const isConstructor = (value) => typeof value === 'object' && value !== null && typeof (/** @type {any} */ (value).constructor) === 'string';

/**
 * Whether the worker, holding `held`, holds `value` already: the same
 * typed array object, or an equal number, text, scalar or constructor.
 * @param {Input | undefined} held
 * @param {Input} value
 */
function sameInput(held, value) {
    if (held === undefined) return false;
    if (Object.is(held, value)) return true;
    if (ArrayBuffer.isView(held) || ArrayBuffer.isView(value)) return false;
    if (Array.isArray(held) || Array.isArray(value)) return false;
    if (typeof held !== 'object' || typeof value !== 'object' || held === null || value === null) return false;
    const a = /** @type {Record<string, unknown>} */ (held);
    const b = /** @type {Record<string, unknown>} */ (value);
    return a.constructor === b.constructor && a.value === b.value && a.dtype === b.dtype
        && a.data === b.data && String(a.shape) === String(b.shape);
}

/** The error of a request that {@link Lab.cancel} stopped. */
export class CancelledError extends Error {
    constructor() {
        super('cancelled');
        this.name = 'CancelledError';
    }
}

/**
 * @typedef {{pool?: boolean, relaxed?: boolean}} LabOptions
 */

/**
 * Starts a lab: a worker with the engine loaded and, when the page is
 * cross-origin isolated, a pool of `navigator.hardwareConcurrency` threads
 * (with `{pool: false}`, the single-threaded build: enough to check and
 * disassemble). The build has relaxed SIMD (fused multiply-add where the
 * hardware has it) when the browser does, unless `{relaxed: false}`.
 * @param {LabOptions} [options]
 * @returns {Promise<Lab>}
 */
export async function createLab(options = {}) {
    const lab = new Lab(options);
    await lab.ready;
    return lab;
}

/**
 * How long the worker may be silent while its thread pool starts, in ms:
 * it beats every 0.25 s (www/worker.js), and the whole start takes about
 * 0.1-0.5 s on a 2-core machine, busy or not.
 */
const POOL_SILENCE_MS = 3000;
/** Starts of the thread pool before the engine settles for one thread. */
const POOL_ATTEMPTS = 3;

export class Lab {
    /**
     * A lab whose engine is starting: await `lab.ready` (or use
     * {@link createLab}); requests made before wait for it.
     * @param {LabOptions} [options]
     */
    constructor({ pool = true, relaxed = true } = {}) {
        this.#pool = pool;
        this.#relaxed = relaxed;
        /** Threads the pool has (1 when the page is not cross-origin isolated). */
        this.threads = 1;
        /** Whether the threaded build runs (the page is cross-origin isolated). */
        this.isolated = false;
        /** The wasm build that runs (www/builds.js), once ready. */
        this.build = '';
        /** Whether that build has relaxed SIMD (fused multiply-add where the hardware has it). */
        this.relaxed = false;
        /**
         * Why it has plain SIMD ("this browser has no relaxed SIMD"), or null.
         * @type {string | null}
         */
        this.plainWhy = null;
        /**
         * Why the engine runs on fewer threads than the page could have
         * (the pool did not start), or null.
         * @type {string | null}
         */
        this.problem = null;
        /** @type {Promise<void>} */
        this.ready = this.#start();
    }

    #pool = true;
    #relaxed = true;
    /** @type {Worker | null} */
    #worker = null;
    #nextId = 0;
    /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, onProgress?: Function}>} */
    #pending = new Map();
    /** What the worker holds now, by name: the value or constructor sent. */
    #sent = new Map();
    /** @type {Promise<any>} */
    #queue = Promise.resolve();

    /**
     * Starts a fresh worker and waits for its engine. Firefox sometimes
     * never finishes starting the thread pool (the worker stops for good
     * while the pool's workers start; docs/threads.md): while the pool
     * starts the worker sends a heartbeat, and a worker silent for
     * {@link POOL_SILENCE_MS} is replaced, up to {@link POOL_ATTEMPTS}
     * times; then the engine runs on one thread and `problem` says why.
     * @param {number} [attempt] of the pool's start
     * @returns {Promise<void>}
     */
    #start(attempt = 1) {
        const pool = this.#pool && attempt <= POOL_ATTEMPTS;
        const url = new URL('./worker.js', import.meta.url);
        if (!pool) url.searchParams.set('pool', 'no');
        if (!this.#relaxed) url.searchParams.set('relaxed', 'no');
        const worker = new Worker(url, { type: 'module' });
        this.#worker = worker;
        this.#sent.clear();
        return new Promise((resolve, reject) => {
            /** @type {ReturnType<typeof setTimeout> | undefined} */
            let deadline;
            worker.onerror = (event) => {
                event.preventDefault();
                clearTimeout(deadline);
                reject(new Error(`the engine's worker failed to load: ${event.message || 'see the console'}`));
            };
            worker.onmessage = ({ data }) => {
                if (data.startingPool) {
                    clearTimeout(deadline);
                    deadline = setTimeout(() => {
                        if (this.#worker !== worker) return; // stopped or replaced meanwhile
                        worker.terminate();
                        console.warn(`exprlab: the engine's worker stopped while its thread pool started `
                            + `(try ${attempt} of ${POOL_ATTEMPTS}); starting it again`);
                        this.#start(attempt + 1).then(resolve, reject);
                    }, POOL_SILENCE_MS);
                } else if (data.ready) {
                    clearTimeout(deadline);
                    this.threads = data.ready.threads;
                    this.isolated = data.ready.isolated;
                    this.build = data.ready.build;
                    this.relaxed = data.ready.relaxed;
                    this.plainWhy = data.ready.plainWhy;
                    this.problem = this.#pool && !pool && this.isolated
                        ? `the thread pool did not start in ${POOL_ATTEMPTS} tries; running on one thread`
                        : null;
                    worker.onmessage = ({ data }) => this.#answer(data);
                    resolve();
                } else if (data.failed) {
                    clearTimeout(deadline);
                    reject(new Error(`the engine failed to start: ${data.failed}`));
                }
            };
        });
    }

    /**
     * The engine that runs, in words: "relaxed SIMD, 2 threads", or
     * "SIMD (this browser has no relaxed SIMD), 1 thread" (why one thread
     * is `problem`, or the page's isolation).
     * @returns {string}
     */
    describe() {
        const threads = this.problem || !this.isolated ? 1 : this.threads;
        const simd = this.relaxed ? 'relaxed SIMD' : `SIMD${this.plainWhy ? ` (${this.plainWhy})` : ''}`;
        return `${simd}, ${threads} thread${threads === 1 ? '' : 's'}`;
    }

    /** @param {any} data */
    #answer(data) {
        const pending = this.#pending.get(data.id);
        if (!pending) return;
        if (data.progress) {
            pending.onProgress?.(data.progress);
            return;
        }
        this.#pending.delete(data.id);
        if (data.ok) {
            pending.resolve(data.value);
            return;
        }
        if (data.error.fatal) this.#restart();
        pending.reject(Object.assign(new Error(data.error.message), { inputs: data.error.inputs }));
    }

    /**
     * Sends one request after the ones before it.
     * @param {string} op
     * @param {any} args
     * @param {Function} [onProgress]
     */
    #request(op, args, onProgress) {
        const run = async () => {
            await this.ready;
            return new Promise((resolve, reject) => {
                const id = this.#nextId++;
                this.#pending.set(id, { resolve, reject, onProgress });
                /** @type {Worker} */ (this.#worker).postMessage({ id, op, args });
            });
        };
        const result = this.#queue.then(run, run);
        this.#queue = result.catch(() => {});
        return result;
    }

    /** Terminates the worker; pending requests fail with a {@link CancelledError}. */
    #stop() {
        this.#worker?.terminate();
        for (const { reject } of this.#pending.values()) reject(new CancelledError());
        this.#pending.clear();
    }

    /** Replaces the worker: what it held is gone; pending requests fail. */
    #restart() {
        this.#stop();
        this.ready = this.#start();
    }

    /**
     * Stops whatever runs now (the worker is terminated, so the work really
     * stops) and starts a fresh engine; pending requests fail with a
     * {@link CancelledError}. Inputs are sent again by the next request.
     * @returns {Promise<void>} when the fresh engine is ready
     */
    cancel() {
        this.#restart();
        return this.ready;
    }

    /** Stops the worker for good. */
    terminate() {
        this.#stop();
        this.#worker = null;
    }

    /**
     * Makes the worker's inputs exactly `vars`.
     * @param {Vars} vars
     * @returns {Promise<{name: string, dtype: DType, length?: number, shape?: number[]}[]>} the inputs
     */
    setInputs(vars) {
        return this.#withInputs('inputs', vars, null);
    }

    /**
     * Sends `op` with the inputs it needs: values the worker holds already
     * (the same typed array object, number or constructor text) are not
     * sent again; the worker sets the others and drops the names not in
     * `vars` before it runs `op`.
     * @param {string} op
     * @param {Vars} vars
     * @param {any} args
     * @param {Function} [onProgress]
     */
    #withInputs(op, vars, args, onProgress) {
        /** @type {Record<string, Input>} */
        const set = {};
        /** @type {Record<string, {constructor: string, dtype?: DType}>} */
        const define = {};
        const keep = [];
        for (const [name, value] of Object.entries(vars)) {
            if (sameInput(this.#sent.get(name), value)) keep.push(name);
            else if (typeof value === 'string') define[name] = { constructor: value };
            else if (isConstructor(value)) define[name] = { constructor: value.constructor, dtype: value.dtype };
            else set[name] = value;
        }
        const worker = this.#worker;
        const sent = this.#request(op, { ...args, inputs: { set, define, keep } }, onProgress);
        const update = () => {
            // A restarted worker holds nothing; a failed one, who knows.
            this.#sent = new Map(worker === this.#worker ? Object.entries(vars) : []);
        };
        sent.then(update, (error) => {
            if (!error.inputs) update();
            else this.#sent.clear();
        });
        return sent;
    }

    /**
     * Evaluates `expr` over `vars`.
     * @param {string} expr
     * @param {Vars} vars
     * @param {RunOptions} [options]
     * @returns {Promise<TypedArray | NdResult | number | bigint>} a typed array
     *   of the result's dtype ({@link NdResult} for a result of another shape
     *   than 1-D), or a number for a reduction (a bigint for int64)
     */
    evaluate(expr, vars, { engine = 'vm', simd = true, accuracy = 'high', threads = 1 } = {}) {
        return this.#withInputs('evaluate', vars, { expr, engine, simd, accuracy, threads });
    }

    /**
     * Times `expr` over `vars` as Python's timeit does.
     * @param {string} expr
     * @param {Vars} vars
     * @param {TimeOptions} [options]
     * @returns {Promise<Figures>}
     */
    time(expr, vars, options = {}) {
        const {
            engine = 'vm', simd = true, accuracy = 'high', threads = 1, loops, repeats = 5, minTime = 0.2,
            reference = false, warmUp = true,
        } = options;
        const args = { expr, engine, simd, accuracy, threads, loops, repeats, minTime, reference, warmUp };
        const onProgress = options.onProgress
            && ((/** @type {{done: number, total: number}} */ p) => options.onProgress?.(p.done, p.total));
        return this.#withInputs('time', vars, args, onProgress);
    }

    /**
     * Races `expr` over `vars`: `repeats` rounds, each round one repeat of
     * every contender in turn (so that a slow spell of the machine slows
     * every contender alike), the first contender's result kept as the
     * reference of the others' `ulps`.
     * @param {string} expr
     * @param {Vars} vars
     * @param {RaceOptions} [options]
     * @returns {Promise<RaceRow[]>}
     */
    race(expr, vars, options = {}) {
        const { engines, threads, loops, repeats = 5, minTime = 0.2, onProgress } = options;
        return this.#withInputs('race', vars, { expr, engines, threads, loops, repeats, minTime }, onProgress);
    }

    /**
     * The contenders a race of `entrants` runs on this lab, in order.
     * @param {RaceEntrants} [entrants]
     * @returns {Promise<Contender[]>}
     */
    contenders({ engines, threads } = {}) {
        return this.#request('contenders', { engines, threads });
    }

    /**
     * The stream bound of `expr` over `vars` on `threads` threads: how fast
     * this machine moves the bytes the expression must move (a copy of its
     * array inputs, timed as `time` does, scaled to those bytes); null when
     * it reads no arrays. An engine whose time is near it is bound by memory.
     * The expression is compiled, not run: the last result stays.
     * @param {string} expr
     * @param {Vars} vars
     * @param {{threads?: number, repeats?: number, minTime?: number}} [options]
     * @returns {Promise<Bound | null>}
     */
    streamBound(expr, vars, { threads = 1, repeats = 5, minTime = 0.2 } = {}) {
        return this.#withInputs('bound', vars, { expr, threads, repeats, minTime });
    }

    /**
     * The last result (of `evaluate` or `time`).
     * @returns {Promise<TypedArray | NdResult | number | bigint>}
     */
    result() {
        return this.#request('result', null);
    }

    /**
     * The last result's dtype, length, min, max, mean (NaNs left out; of a
     * complex result, its magnitudes) and NaN count, or a 0-d result's value.
     * @returns {Promise<Summary>}
     */
    summary() {
        return this.#request('summary', null);
    }

    /**
     * The last result decimated for a plot `columns` pixels wide: the min
     * and max of each column's elements, interleaved (2 values a column),
     * of `part` of each element (a complex's magnitude by default); of
     * bools, each column's share of true, twice.
     * @param {number} columns
     * @param {Part} [part]
     * @returns {Promise<Float64Array>}
     */
    plot(columns, part) {
        return this.#request('plot', { columns, part });
    }

    /**
     * The last result as a picture of at most `width` x `height` pixels:
     * its last dimension across, the others down, each pixel the mean of
     * the elements it covers (NaN where all are NaN), row by row from the
     * top; null for a result of fewer than two dimensions. Of `part` of
     * each element, as `plot` takes it.
     * @param {number} width
     * @param {number} height
     * @param {Part} [part]
     * @returns {Promise<Picture | null>}
     */
    picture(width, height, part) {
        return this.#request('picture', { width, height, part });
    }

    /**
     * The compiled program of `expr`, as text: for declared `types`, or for
     * the inputs the worker holds when `types` is left out.
     * @param {string} expr
     * @param {Types} [types]
     * @returns {Promise<string>}
     */
    disassemble(expr, types) {
        return this.#request('disassemble', { expr, types });
    }

    /**
     * Compiles `expr` for declared `types`: null when it compiles, else its error.
     * @param {string} expr
     * @param {Types} types
     * @returns {Promise<CheckError | null>}
     */
    check(expr, types) {
        return this.#request('check', { expr, types });
    }

    /**
     * The language's functions, as `exprlab functions` lists them.
     * @returns {Promise<FunctionDoc[]>}
     */
    functions() {
        return this.#request('functions', null);
    }
}
