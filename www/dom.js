// What every page of the lab needs of the DOM: elements by id, elements
// made with text (never HTML: user text is always set as text), and the
// figures' formats.

/** @param {string} id */
export const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * An element with text and children; text is set as text, never parsed.
 * @param {string} tag
 * @param {{class?: string, text?: string, title?: string}} [props]
 * @param {(Node | string)[]} [children]
 */
export function el(tag, props = {}, children = []) {
    const node = document.createElement(tag);
    if (props.class) node.className = props.class;
    if (props.text !== undefined) node.textContent = props.text;
    if (props.title) node.title = props.title;
    node.append(...children);
    return node;
}

/** Seconds in the unit that fits. @param {number} s */
export function seconds(s) {
    if (s < 1e-3) return `${(s * 1e6).toPrecision(4)} µs`;
    if (s < 1) return `${(s * 1e3).toPrecision(4)} ms`;
    return `${s.toPrecision(4)} s`;
}

/**
 * A rate with an SI prefix and three digits: `rate(2.43e8, 'el')` is
 * "243 Mel/s"; `rate(1.2e10, 'B')` is "12.0 GB/s".
 * @param {number} perSecond
 * @param {string} unit
 */
export function rate(perSecond, unit) {
    if (!Number.isFinite(perSecond) || perSecond <= 0) return '';
    /** @type {[number, string][]} */
    const prefixes = [[1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    const [scale, prefix] = prefixes.find(([s]) => perSecond >= s) ?? [1, ''];
    return `${(perSecond / scale).toPrecision(3)} ${prefix}${unit}/s`;
}

/** @param {number} x */
export const number = (x) => (Number.isInteger(x) && Math.abs(x) < 1e15 ? String(x) : x.toPrecision(7));

/** A largest ULP difference as the race shows it. @param {number | undefined} ulps */
export function ulpText(ulps) {
    if (ulps === undefined) return '';
    if (!Number.isFinite(ulps)) return 'differs';
    return ulps === 0 ? 'same bits' : number(ulps);
}

/**
 * Calls `fn` once `ms` have passed without another call; `flush()` calls
 * it at once if a call is waiting.
 * @param {() => void} fn
 * @param {number} ms
 * @returns {(() => void) & {flush: () => void}}
 */
export function debounce(fn, ms) {
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    let timer;
    const run = () => {
        timer = undefined;
        fn();
    };
    const call = () => {
        clearTimeout(timer);
        timer = setTimeout(run, ms);
    };
    call.flush = () => {
        if (timer === undefined) return;
        clearTimeout(timer);
        run();
    };
    return call;
}
