// A page that embeds the embed view, for the end-to-end tests: the iframe's
// address is this page's `?src=`, and every message the embed posts is kept
// in `window.messages`.

/** @type {any[]} */
const messages = [];
Object.assign(window, { messages });
window.addEventListener('message', (event) => messages.push(event.data));
const src = new URL(location.href).searchParams.get('src');
if (src) /** @type {HTMLIFrameElement} */ (document.getElementById('lab')).src = src;
