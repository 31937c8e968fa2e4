// Experiments in the page's URL: read on load, written back (debounced,
// with history.replaceState, so the back button is not flooded) as the
// user edits, and copied as a link.

import { debounce } from './dom.js';
import { formatLink, parseLink } from './experiment.js';

/** @typedef {import('./experiment.js').Experiment} Experiment */
/** @typedef {import('./experiment.js').View} View */

/**
 * The experiment and view of this page's URL: its fragment, and with
 * `query`, its query string first (the embed view takes options there).
 * @param {{query?: boolean}} [options]
 */
export function readLocation({ query = false } = {}) {
    const parts = [location.hash.slice(1)];
    if (query) parts.unshift(location.search.slice(1));
    const result = parseLink(parts.filter(Boolean).join('&'));
    for (const problem of result.problems) console.warn(`ExprLab: ${problem}`);
    return result;
}

/**
 * One line for the page on what a link held that was refused.
 * @param {string[]} problems
 */
export function problemLine(problems) {
    if (!problems.length) return '';
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: see the console)` : '';
    return `This link could not be read entirely: ${problems[0]}${more}.`;
}

/**
 * A function that writes `current()`'s experiment into the URL's
 * fragment a moment after the last call, and then calls `written` with
 * the fragment's text; its `flush()` writes a waiting change at once.
 * @param {() => {experiment: Experiment, view?: Partial<View>}} current
 * @param {(link: string) => void} [written]
 */
export function linkWriter(current, written) {
    return debounce(() => {
        const { experiment, view } = current();
        const url = new URL(location.href);
        url.hash = formatLink(experiment, view);
        if (url.href !== location.href) history.replaceState(history.state, '', url);
        written?.(url.hash.slice(1));
    }, 250);
}

/**
 * Copies `url` to the clipboard; where the Clipboard API is refused,
 * shows it in `box`, selected, for the user to copy.
 * @param {string} url
 * @param {HTMLInputElement} box
 * @returns {Promise<boolean>} whether it was copied
 */
export async function copyLink(url, box) {
    box.value = url;
    try {
        await navigator.clipboard.writeText(url);
        box.hidden = true;
        return true;
    } catch {
        box.hidden = false;
        box.focus();
        box.select();
        return false;
    }
}
