// The benchmark suite, shared by the driver (node) and the page it drives:
// numexpr's staples, the lab's classic and complex128 (numbers made of two
// float64 inputs with `complex(a, b)`, as numexpr's language has it too),
// with their inputs as the engine's constructors and a hand-written
// JavaScript loop for each.

/** @typedef {Float64Array | Float32Array} Floats */
/**
 * An input: `['linspace', a, b]`, `['random', seed]` or `['normal', seed]`,
 * the engine's constructors without their length and dtype.
 * @typedef {[string, ...number[]]} Input
 */
/**
 * A case: `expr` over `inputs`; `dtypes` it runs in (both of DTYPES when
 * left out); `width` numbers a result element (2 for a complex result:
 * its parts in turn, as the loop writes them).
 * @typedef {{name: string, expr: string, transcendental: boolean,
 *   inputs: Record<string, Input>, dtypes?: string[], width?: number,
 *   loop: (out: Floats, v: Record<string, Floats>, n: number) => number | void}} Case
 */

/** @type {Case[]} */
export const CASES = [
    {
        name: 'sin(2*pi*x)', expr: 'sin(2*pi*x)', transcendental: true,
        inputs: { x: ['linspace', -1, 1] },
        loop: (out, { x }, n) => { for (let i = 0; i < n; i++) out[i] = Math.sin(2 * Math.PI * x[i]); },
    },
    {
        name: '2*a+3*b', expr: '2*a + 3*b', transcendental: false,
        inputs: { a: ['random', 1], b: ['random', 2] },
        loop: (out, { a, b }, n) => { for (let i = 0; i < n; i++) out[i] = 2 * a[i] + 3 * b[i]; },
    },
    {
        name: 'a*b+c', expr: 'a*b + c', transcendental: false,
        inputs: { a: ['random', 1], b: ['random', 2], c: ['random', 3] },
        loop: (out, { a, b, c }, n) => { for (let i = 0; i < n; i++) out[i] = a[i] * b[i] + c[i]; },
    },
    {
        name: '2*a+b**10', expr: '2*a + b**10', transcendental: false,
        inputs: { a: ['random', 1], b: ['random', 2] },
        loop: (out, { a, b }, n) => { for (let i = 0; i < n; i++) out[i] = 2 * a[i] + b[i] ** 10; },
    },
    {
        name: 'sin(a)**2+cos(b)**2', expr: 'sin(a)**2 + cos(b)**2', transcendental: true,
        inputs: { a: ['normal', 1], b: ['normal', 2] },
        loop: (out, { a, b }, n) => { for (let i = 0; i < n; i++) out[i] = Math.sin(a[i]) ** 2 + Math.cos(b[i]) ** 2; },
    },
    {
        name: 'exp(-x**2/2)', expr: 'exp(-x**2/2)', transcendental: true,
        inputs: { x: ['linspace', -5, 5] },
        loop: (out, { x }, n) => { for (let i = 0; i < n; i++) out[i] = Math.exp(-(x[i] ** 2) / 2); },
    },
    {
        name: 'where(a>b,a,b)', expr: 'where(a > b, a, b)', transcendental: false,
        inputs: { a: ['random', 1], b: ['random', 2] },
        loop: (out, { a, b }, n) => { for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? a[i] : b[i]; },
    },
    {
        name: 'sqrt(a**2+b**2)', expr: 'sqrt(a**2 + b**2)', transcendental: false,
        inputs: { a: ['normal', 1], b: ['normal', 2] },
        loop: (out, { a, b }, n) => { for (let i = 0; i < n; i++) out[i] = Math.sqrt(a[i] ** 2 + b[i] ** 2); },
    },
    {
        name: 'sum(a*b)', expr: 'sum(a*b)', transcendental: false,
        inputs: { a: ['random', 1], b: ['random', 2] },
        loop: (_, { a, b }, n) => {
            let s = 0;
            for (let i = 0; i < n; i++) s += a[i] * b[i];
            return s;
        },
    },
    {
        name: 'exp(z)', expr: 'exp(complex(a, b))', transcendental: true, dtypes: ['float64'], width: 2,
        inputs: { a: ['normal', 1], b: ['normal', 2] },
        loop: (out, { a, b }, n) => {
            for (let i = 0; i < n; i++) {
                const e = Math.exp(a[i]);
                out[2 * i] = e * Math.cos(b[i]);
                out[2 * i + 1] = e * Math.sin(b[i]);
            }
        },
    },
    {
        name: 'z*z+c', expr: 'complex(a, b)*complex(a, b) + complex(c, d)', transcendental: false,
        dtypes: ['float64'], width: 2,
        inputs: { a: ['normal', 1], b: ['normal', 2], c: ['random', 3], d: ['random', 4] },
        loop: (out, { a, b, c, d }, n) => {
            for (let i = 0; i < n; i++) {
                out[2 * i] = a[i] * a[i] - b[i] * b[i] + c[i];
                out[2 * i + 1] = a[i] * b[i] + b[i] * a[i] + d[i];
            }
        },
    },
    {
        name: 'abs(z)', expr: 'abs(complex(a, b))', transcendental: false, dtypes: ['float64'],
        inputs: { a: ['normal', 1], b: ['normal', 2] },
        loop: (out, { a, b }, n) => { for (let i = 0; i < n; i++) out[i] = Math.hypot(a[i], b[i]); },
    },
];

export const DTYPES = ['float64', 'float32'];
export const SIZES = [1e5, 1e6, 1e7];

/**
 * The engine's constructor of an input, `n` long, of `dtype`.
 * @param {Input} input
 * @param {number} n
 * @param {string} dtype
 */
export function constructor([kind, ...args], n, dtype) {
    const all = kind === 'linspace' ? [...args, n] : [n, ...args];
    return `${kind}(${all.join(', ')}, ${dtype})`;
}
