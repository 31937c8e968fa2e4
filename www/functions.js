// The function reference next to the editor: every function of the
// language, from the engine's own catalogue (the op table), grouped by the
// dtypes it takes; picking one puts a call into the editor.

import { el } from './dom.js';

/** @typedef {import('./exprlab.js').FunctionDoc} FunctionDoc */

/**
 * Fills `container` with the functions, grouped as `exprlab functions`
 * groups them; `pick(f)` runs when a function's name is pressed.
 * @param {HTMLElement} container
 * @param {FunctionDoc[]} functions
 * @param {(f: FunctionDoc) => void} pick
 */
export function renderFunctions(container, functions, pick) {
    /** @type {Map<string, FunctionDoc[]>} */
    const groups = new Map();
    for (const f of functions) {
        const heading = f.kind === 'reduction' ? `reductions, as the outermost call (${f.dtypes})` : f.dtypes;
        groups.set(heading, [...(groups.get(heading) ?? []), f]);
    }
    container.replaceChildren(...[...groups].map(([heading, fs]) => el('section', {}, [
        el('h3', { text: heading }),
        el('dl', {}, fs.flatMap((f) => {
            const call = el('button', { class: 'call', text: `${f.name}(${f.params})`, title: `insert ${f.name}(…)` });
            call.setAttribute('type', 'button');
            call.onclick = () => pick(f);
            return [
                el('dt', {}, [call]),
                el('dd', {}, [f.doc, el('span', { class: 'kernel', text: f.kernel })]),
            ];
        })),
    ])));
}

/**
 * Puts a call of `f` into `box` at the cursor: around the selection when
 * there is one (`sin(x)` from a selected `x`), else with the cursor
 * between the parentheses.
 * @param {HTMLTextAreaElement} box
 * @param {FunctionDoc} f
 */
export function insertCall(box, f) {
    const { selectionStart: start, selectionEnd: end, value } = box;
    const inner = value.slice(start, end);
    box.value = `${value.slice(0, start)}${f.name}(${inner})${value.slice(end)}`;
    const cursor = start + f.name.length + 1 + inner.length + (inner ? 1 : 0);
    box.focus();
    box.setSelectionRange(cursor, cursor);
}
