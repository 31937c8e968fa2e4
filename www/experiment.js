// An experiment as data, and as the text of a link: the program, its
// inputs (a name, a constructor or a number, a dtype each), the engines and
// thread counts raced, repeats and loops. The lab, the embed view and the
// deck read and write it in the URL's fragment:
//
//     #expr=sin(2*pi*x)&x=linspace(-1,1,1e6):float64&threads=1,2&run
//
// A link is hostile input: it is read with limits, every problem becomes a
// line of text for the page to show, and what could be read is kept. Nothing
// here touches the DOM, so it runs under `node --test` too.

/** @typedef {import('./exprlab.js').DType} DType */
/** @typedef {import('./exprlab.js').Vars} Vars */
/** @typedef {import('./exprlab.js').Types} Types */

/** @typedef {{name: string, value: string, dtype: DType}} InputRow */
/** @typedef {import('./exprlab.js').RaceEngine} Engine */
/**
 * A thread count, or `max`: every thread the lab has.
 * @typedef {number | 'max'} Threads
 */
/**
 * @typedef {{expr: string, inputs: InputRow[], engines: Engine[],
 *   threads: Threads[] | undefined, repeats: number, loops: number | undefined}} Experiment
 */
/**
 * How a page shows an experiment, from the same link: `run` runs it once
 * loaded; the embed view's `autorun` (`true`: when loaded and whenever its
 * slide starts; `'slide'`: only when its slide starts, for iframes a deck
 * loads ahead), `theme` and `controls`; and how a complex result over the
 * plane is drawn (`picture`: domain colored, or its magnitude or a part).
 * @typedef {{run: boolean, autorun: boolean | 'slide', theme: 'light' | 'dark' | 'auto', controls: boolean,
 *   picture: Picture}} View
 */
/** @typedef {typeof PICTURES[number]} Picture */

/**
 * The engine's dtypes (its table, `src/types/mod.rs`; a test checks they
 * agree), the common ones first; then byte strings (NumPy's `S`, outside
 * the table: each array has its own width), which `array([b'ab', b'c'])`
 * and `random(n, seed, S8)` make.
 */
export const DTYPES = /** @type {const} */ ([
    'float64', 'float32', 'int64', 'int32', 'bool', 'int16', 'int8', 'uint64', 'uint32', 'uint16', 'uint8', 'complex128',
    'bytes',
]);
/** The engines a link may race (the engine's `Entrant`s, src/race.rs). */
export const ENGINES = /** @type {const} */ (['eager', 'scalar', 'simd', 'simd-low']);
/** What a race runs unless told otherwise: all but the low accuracy (`Entrant::DEFAULT`). */
const DEFAULT_ENGINES = ENGINES.filter((e) => e !== 'simd-low');
const THEMES = /** @type {const} */ (['auto', 'light', 'dark']);
/** How a complex picture is drawn: domain colored (the default), or its magnitude, real or imaginary part. */
export const PICTURES = /** @type {const} */ (['domain', 'abs', 'real', 'imag']);

/** What a link may hold; more is refused or cut, with a message. */
export const LIMITS = Object.freeze({
    /** characters of the whole fragment (or query) read */
    link: 16384,
    /** characters of the program text */
    expr: 4096,
    inputs: 32,
    /** characters of an input's name */
    name: 64,
    /** characters of an input's constructor or number */
    value: 512,
    /** thread counts in `threads` */
    threadCounts: 16,
    /** the largest thread count */
    maxThreads: 256,
    repeats: 100,
    loops: 1_000_000,
});

/** @returns {Experiment} the classic: sin(2*pi*x) over 1e6 float64 values */
export function classic() {
    return {
        expr: 'sin(2*pi*x)',
        inputs: [{ name: 'x', value: 'linspace(-1, 1, 1e6)', dtype: 'float64' }],
        engines: [...DEFAULT_ENGINES],
        threads: undefined,
        repeats: 5,
        loops: undefined,
    };
}

/** @returns {View} */
export const defaultView = () => ({ run: false, autorun: false, theme: 'auto', controls: true, picture: 'domain' });

/** Keys of a link that say how a page shows the experiment (View). */
const VIEW_KEYS = new Set(['run', 'autorun', 'theme', 'controls', 'picture']);
/** Keys of the link that are not inputs. An input of such a name is written `var.NAME`. */
const KEYS = new Set(['expr', 'engines', 'threads', 'repeats', 'loops', ...VIEW_KEYS]);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A number written as a number: a scalar input. @param {string} text */
export const isNumber = (text) => /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text);

/**
 * Text of a link shown to a person: at most `n` characters, quoted, so a
 * hostile key or value stays short and reads as data.
 * @param {string} text
 */
export function quote(text, n = 40) {
    const shown = text.length > n ? `${text.slice(0, n)}…` : text;
    return `\`${shown}\``;
}

/**
 * Reads an experiment and its view from the text of a link's fragment or
 * query (without `#` or `?`). Never throws: `problems` says, a line each,
 * what was refused, and the experiment holds what could be read (the
 * classic's parts for the rest). With `into`, reads onto that experiment.
 * @param {string} text
 * @param {{experiment?: Experiment, view?: View}} [into]
 * @returns {{experiment: Experiment, view: View, problems: string[], found: boolean}}
 *   `found`: the text held any part of an experiment
 */
export function parseLink(text, into = {}) {
    const experiment = into.experiment ?? classic();
    const view = into.view ?? defaultView();
    /** @type {string[]} */
    const problems = [];
    if (text.length > LIMITS.link) {
        problems.push(`the link's experiment is ${text.length.toLocaleString('en')} characters long; at most ${LIMITS.link.toLocaleString('en')} are read, so it was ignored`);
        return { experiment, view, problems, found: false };
    }
    /** @type {InputRow[]} */
    const inputs = [];
    let found = false;
    let inputsCut = 0;
    for (const part of text.split('&')) {
        if (!part) continue;
        const eq = part.indexOf('=');
        const rawKey = eq < 0 ? part : part.slice(0, eq);
        let key;
        let value;
        try {
            key = decodeURIComponent(rawKey);
            value = eq < 0 ? undefined : decodeURIComponent(part.slice(eq + 1));
        } catch {
            problems.push(`${quote(part)} is not valid percent-encoding`);
            continue;
        }
        const problem = readPart(key, value, experiment, view, inputs);
        if (problem === 'input-cut') {
            inputsCut++;
        } else if (problem) {
            problems.push(problem);
        } else {
            found ||= !VIEW_KEYS.has(key);
        }
    }
    if (inputsCut) {
        problems.push(`the link has ${LIMITS.inputs + inputsCut} inputs; the lab takes at most ${LIMITS.inputs}, and the first ${LIMITS.inputs} were read`);
    }
    if (inputs.length) experiment.inputs = inputs;
    return { experiment, view, problems, found };
}

/**
 * Reads one `key=value` of a link into `experiment`, `view` or `inputs`.
 * @param {string} key
 * @param {string | undefined} value undefined for a bare `key`
 * @param {Experiment} experiment
 * @param {View} view
 * @param {InputRow[]} inputs
 * @returns {string | undefined} what was wrong, `input-cut` when over the
 *   inputs' limit, nothing when it was read
 */
function readPart(key, value, experiment, view, inputs) {
    const on = value === undefined || value === '' || value === '1' || value === 'true';
    const off = value === '0' || value === 'false';
    const flag = (/** @type {(on: boolean) => void} */ set) => {
        if (!on && !off) return `${key} ${quote(value ?? '')} is not 1 or 0`;
        set(on);
        return undefined;
    };
    switch (key) {
        case 'run': return flag((b) => { view.run = b; });
        case 'controls': return flag((b) => { view.controls = b; });
        case 'autorun':
            if (value === 'slide') {
                view.autorun = 'slide';
                return undefined;
            }
            return flag((b) => { view.autorun = b; });
        case 'theme':
            if (!THEMES.includes(/** @type {any} */ (value))) return `theme ${quote(value ?? '')} is not one of ${THEMES.join(', ')}`;
            view.theme = /** @type {View['theme']} */ (value);
            return undefined;
        case 'picture':
            if (!PICTURES.includes(/** @type {any} */ (value))) return `picture ${quote(value ?? '')} is not one of ${PICTURES.join(', ')}`;
            view.picture = /** @type {Picture} */ (value);
            return undefined;
        default:
    }
    if (value === undefined) return `${quote(key)} needs a value (\`${IDENTIFIER.test(key) ? key : 'name'}=...\`)`;
    switch (key) {
        case 'expr':
            if (value.length > LIMITS.expr) return `the expression is ${value.length.toLocaleString('en')} characters long; at most ${LIMITS.expr.toLocaleString('en')} are allowed`;
            experiment.expr = value;
            return undefined;
        case 'engines': return readEngines(value, experiment);
        case 'threads': return readThreads(value, experiment);
        case 'repeats': return readCount('repeats', value, LIMITS.repeats, (n) => { experiment.repeats = n; });
        case 'loops':
            if (value === 'auto') {
                experiment.loops = undefined;
                return undefined;
            }
            return readCount('loops', value, LIMITS.loops, (n) => { experiment.loops = n; });
        default:
            return readInput(key.startsWith('var.') ? key.slice(4) : key, value, inputs);
    }
}

/**
 * Sets one of the race's settings (`engines`, `threads`, `repeats`,
 * `loops`) of `experiment` from its text in a link.
 * @param {Experiment} experiment
 * @param {'engines' | 'threads' | 'repeats' | 'loops'} key
 * @param {string} value
 * @returns {string | undefined} what was wrong; nothing when it was set
 */
export function setField(experiment, key, value) {
    return readPart(key, value, experiment, defaultView(), []);
}

/**
 * @param {string} value
 * @param {Experiment} experiment
 */
function readEngines(value, experiment) {
    const names = value.split(',').filter(Boolean);
    const bad = names.filter((n) => !ENGINES.includes(/** @type {any} */ (n)));
    if (bad.length || !names.length) return `engines ${quote(value)}: give one or more of ${ENGINES.join(', ')}`;
    experiment.engines = ENGINES.filter((e) => names.includes(e));
    return undefined;
}

/**
 * @param {string} value
 * @param {Experiment} experiment
 */
function readThreads(value, experiment) {
    const counts = value.split(',').filter(Boolean);
    if (!counts.length || counts.length > LIMITS.threadCounts) {
        return `threads ${quote(value)}: give 1 to ${LIMITS.threadCounts} thread counts, such as \`1,2\` or \`1,max\``;
    }
    /** @type {Threads[]} */
    const threads = [];
    for (const c of counts) {
        const n = c === 'max' ? 'max' : Number(c);
        if (n !== 'max' && !(Number.isInteger(n) && n >= 1 && n <= LIMITS.maxThreads)) {
            return `threads ${quote(value)}: ${quote(c)} is not \`max\` or a whole number from 1 to ${LIMITS.maxThreads}`;
        }
        if (!threads.includes(n)) threads.push(n);
    }
    experiment.threads = threads;
    return undefined;
}

/**
 * @param {string} key
 * @param {string} value
 * @param {number} max
 * @param {(n: number) => void} set
 */
function readCount(key, value, max, set) {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max) return `${key} ${quote(value)} is not a whole number from 1 to ${max.toLocaleString('en')}`;
    set(n);
    return undefined;
}

/**
 * Reads `name=value[:dtype]` into `inputs`.
 * @param {string} name
 * @param {string} text
 * @param {InputRow[]} inputs
 */
function readInput(name, text, inputs) {
    if (!IDENTIFIER.test(name) || name.length > LIMITS.name) {
        return `${quote(name)} is not a key of an experiment (${[...KEYS].join(', ')}) nor an input name (a letter or _, then letters, digits or _; at most ${LIMITS.name} characters)`;
    }
    if (inputs.some((row) => row.name === name)) return `the input \`${name}\` is given twice; the first was kept`;
    if (inputs.length >= LIMITS.inputs) return 'input-cut';
    const colon = text.lastIndexOf(':');
    let value = text;
    /** @type {DType} */
    let dtype = 'float64';
    let problem;
    if (colon >= 0) {
        value = text.slice(0, colon);
        const named = text.slice(colon + 1).trim();
        if (DTYPES.includes(/** @type {any} */ (named))) dtype = /** @type {DType} */ (named);
        else problem = `the dtype ${quote(named)} of \`${name}\` is not one of ${DTYPES.join(', ')}; float64 was used`;
    }
    value = value.trim();
    if (!value) return `the input \`${name}\` has no value: give a constructor such as \`linspace(0, 1, 1e6)\` or a number`;
    if (value.length > LIMITS.value) return `the value of \`${name}\` is ${value.length.toLocaleString('en')} characters long; at most ${LIMITS.value} are allowed`;
    inputs.push({ name, value, dtype });
    return problem;
}

/**
 * Percent-encodes what would break the link's structure (`%`, `&`, `#`),
 * spaces, and whatever a URL's fragment may not hold; keeps the rest
 * readable (`sin(2*pi*x)`, `linspace(-1,1,1e6)`).
 * @param {string} text
 */
export function encode(text) {
    return text.replace(/[^A-Za-z0-9\-._~!$'()*+,;:@/?=]/gu, (c) => encodeURIComponent(c));
}

/**
 * The link's text of an experiment and view: `expr`, each input, then
 * what differs from the defaults.
 * @param {Experiment} experiment
 * @param {Partial<View>} [view]
 */
export function formatLink(experiment, view = {}) {
    const defaults = classic();
    const parts = [`expr=${encode(experiment.expr)}`];
    for (const { name, value, dtype } of experiment.inputs) {
        const key = KEYS.has(name) ? `var.${name}` : name;
        parts.push(`${encode(key)}=${encode(value)}:${dtype}`);
    }
    if (experiment.engines.join() !== defaults.engines.join()) parts.push(`engines=${experiment.engines.join(',')}`);
    if (experiment.threads) parts.push(`threads=${experiment.threads.join(',')}`);
    if (experiment.repeats !== defaults.repeats) parts.push(`repeats=${experiment.repeats}`);
    if (experiment.loops !== undefined) parts.push(`loops=${experiment.loops}`);
    if (view.autorun) parts.push(view.autorun === 'slide' ? 'autorun=slide' : 'autorun');
    if (view.theme && view.theme !== 'auto') parts.push(`theme=${view.theme}`);
    if (view.controls === false) parts.push('controls=0');
    if (view.picture && view.picture !== 'domain') parts.push(`picture=${view.picture}`);
    if (view.run) parts.push('run');
    return parts.join('&');
}

/**
 * The inputs as the JS API takes them: structured `{constructor, dtype}`
 * for arrays, `{value, dtype}` for numbers.
 * @param {InputRow[]} inputs
 * @returns {Vars}
 */
export function vars(inputs) {
    /** @type {Vars} */
    const out = {};
    for (const { name, value, dtype } of inputs) {
        if (!name) continue;
        out[name] = isNumber(value) ? { value: Number(value), dtype } : { constructor: value.trim(), dtype };
    }
    return out;
}

/**
 * The inputs' declared types, for checking and disassembly.
 * @param {InputRow[]} inputs
 * @returns {Types}
 */
export function types(inputs) {
    /** @type {Types} */
    const out = {};
    for (const { name, value, dtype } of inputs) {
        if (name) out[name] = isNumber(value) ? { dtype, scalar: true } : dtype;
    }
    return out;
}

/**
 * An experiment from a message's data (`exprlab:set`): the text of a link,
 * or an object of an experiment's shape, `{expr, inputs: [{name, value,
 * dtype}], engines, threads, repeats, loops}` (every field optional),
 * read with the same limits and messages as a link.
 * @param {unknown} data
 * @param {{experiment?: Experiment, view?: View}} [into]
 */
export function parseExperiment(data, into) {
    if (typeof data === 'string') return parseLink(data, into);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return { ...parseLink('', into), problems: ['an experiment is the text of a link or an object {expr, inputs, ...}'] };
    }
    const d = /** @type {Record<string, unknown>} */ (data);
    const parts = [];
    const problems = [];
    const text = (/** @type {unknown} */ v) => typeof v === 'string' || typeof v === 'number';
    if (d.expr !== undefined) {
        if (typeof d.expr === 'string') parts.push(`expr=${encode(d.expr)}`);
        else problems.push('`expr` is not a string');
    }
    if (d.inputs !== undefined) {
        if (!Array.isArray(d.inputs)) problems.push('`inputs` is not an array of {name, value, dtype}');
        for (const row of Array.isArray(d.inputs) ? d.inputs.slice(0, LIMITS.inputs + 1) : []) {
            if (row && typeof row.name === 'string' && text(row.value) && (row.dtype === undefined || typeof row.dtype === 'string')) {
                parts.push(`var.${encode(row.name)}=${encode(String(row.value))}${row.dtype === undefined ? '' : `:${encode(row.dtype)}`}`);
            } else {
                problems.push('an input is not {name, value, dtype}');
            }
        }
    }
    for (const key of /** @type {const} */ (['engines', 'threads'])) {
        const v = d[key];
        if (v === undefined) continue;
        if (Array.isArray(v) && v.every(text)) parts.push(`${key}=${encode(v.join(','))}`);
        else problems.push(`\`${key}\` is not an array`);
    }
    for (const key of /** @type {const} */ (['repeats', 'loops'])) {
        const v = d[key];
        if (v === undefined) continue;
        if (typeof v === 'number') parts.push(`${key}=${v}`);
        else problems.push(`\`${key}\` is not a number`);
    }
    const result = parseLink(parts.join('&'), into);
    return { ...result, problems: [...problems, ...result.problems] };
}
