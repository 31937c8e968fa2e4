// The expression editor: a textarea over a backdrop that draws the same
// text, so that a compile error's span can be underlined in place.

import { el } from './dom.js';

/**
 * Underlines `start..end` of the editor's text in its backdrop `layer`
 * (nothing when `start` is undefined); an empty span (the end of the text)
 * marks one blank cell.
 * @param {HTMLTextAreaElement} box
 * @param {HTMLElement} layer
 * @param {number | undefined} start
 * @param {number | undefined} end
 */
export function underline(box, layer, start, end) {
    const text = box.value;
    if (start === undefined || end === undefined) {
        layer.replaceChildren(text + '\n');
        return;
    }
    const marked = end > start ? text.slice(start, end) : ' ';
    layer.replaceChildren(text.slice(0, start), el('mark', { text: marked }), text.slice(Math.max(end, start)) + '\n');
}

/**
 * Keeps `backdrop` scrolled with `box`, so that the underline stays under
 * its text.
 * @param {HTMLTextAreaElement} box
 * @param {HTMLElement} backdrop
 */
export function followScroll(box, backdrop) {
    box.addEventListener('scroll', () => {
        backdrop.scrollTop = box.scrollTop;
        backdrop.scrollLeft = box.scrollLeft;
    });
}
