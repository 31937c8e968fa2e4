// The lab's inputs panel: one row per input, with its name, its value (a
// number, a constructor) and its dtype, edited in place in the
// experiment's rows.

import { el } from './dom.js';
import { DTYPES } from './experiment.js';

/** @typedef {import('./experiment.js').InputRow} InputRow */
/** @typedef {import('./exprlab.js').DType} DType */

/**
 * Shows `rows` in `body` (a table body); an edit changes its row and calls
 * `changed`, a removal drops the row and shows the rest.
 * @param {HTMLElement} body
 * @param {InputRow[]} rows
 * @param {() => void} changed
 */
export function renderInputs(body, rows, changed) {
    body.replaceChildren(...rows.map((row, i) => {
        const name = /** @type {HTMLInputElement} */ (el('input'));
        name.value = row.name;
        name.setAttribute('aria-label', 'name');
        name.size = 6;
        name.oninput = () => { row.name = name.value.trim(); changed(); };
        const value = /** @type {HTMLInputElement} */ (el('input'));
        value.value = row.value;
        value.setAttribute('aria-label', `value of ${row.name}`);
        value.oninput = () => { row.value = value.value; changed(); };
        const dtype = /** @type {HTMLSelectElement} */ (el('select', {}, DTYPES.map((d) => el('option', { text: d }))));
        dtype.value = row.dtype;
        dtype.setAttribute('aria-label', `dtype of ${row.name}`);
        dtype.onchange = () => { row.dtype = /** @type {DType} */ (dtype.value); changed(); };
        const remove = el('button', { class: 'small', text: '✕', title: 'remove this input' });
        remove.onclick = () => { rows.splice(i, 1); renderInputs(body, rows, changed); changed(); };
        return el('tr', {}, [el('td', {}, [name]), el('td', {}, [value]), el('td', {}, [dtype]), el('td', {}, [remove])]);
    }));
}
