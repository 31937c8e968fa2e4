// The deck: reveal.js (served from this origin) at 1280x720. Experiment
// iframes (embed.html) load one slide ahead (data-preload within a view
// distance of 2: the current slide and its neighbours) so a slide is live
// when it appears; reveal.js posts `slide:start` to them when their slide
// appears and `slide:stop` when it goes.

import Reveal from '../node_modules/reveal.js/dist/reveal.mjs';
import Notes from '../node_modules/reveal.js/dist/plugin/notes.mjs';

const deck = new Reveal({
    width: 1280,
    height: 720,
    margin: 0.04,
    hash: true,
    viewDistance: 2,
    transition: 'slide',
    plugins: [Notes],
});
/** Frames waiting for their document, to be told `slide:start`. */
const waiting = new WeakSet();

/**
 * reveal.js posts `slide:start` to a slide's frames when the slide
 * appears; a frame still loading then (a fast presenter, or a deck opened
 * at that slide) would miss it, so it is told again once loaded, if its
 * slide is still the current one.
 * @param {Element} slide
 */
function startWhenLoaded(slide) {
    // The speaker view's copies of the deck show the slides but run nothing (as reveal.js does).
    if (deck.isSpeakerNotes()) return;
    for (const frame of slide.querySelectorAll('iframe')) {
        if (waiting.has(frame)) continue;
        waiting.add(frame);
        frame.addEventListener('load', () => {
            waiting.delete(frame);
            if (deck.getCurrentSlide() === slide) frame.contentWindow?.postMessage('slide:start', '*');
        }, { once: true });
    }
}

/**
 * Frames marked `data-after-previous` run when the frame before them on
 * the same slide has finished its race, so that two experiments on one
 * slide never share the cores.
 * @param {MessageEvent} event
 */
function runNext({ source, data }) {
    const done = data?.type === 'exprlab:result' || (data?.type === 'exprlab:error' && !data.cancelled);
    if (!done || deck.isSpeakerNotes()) return;
    const frames = [...deck.getCurrentSlide().querySelectorAll('iframe')];
    const index = frames.findIndex((f) => f.contentWindow === source);
    const next = index < 0 ? undefined : frames[index + 1];
    if (next?.hasAttribute('data-after-previous')) next.contentWindow?.postMessage({ type: 'exprlab:run' }, '*');
}

window.addEventListener('message', runNext);
deck.on('ready', (event) => startWhenLoaded(/** @type {any} */ (event).currentSlide));
deck.on('slidechanged', (event) => startWhenLoaded(/** @type {any} */ (event).currentSlide));
await deck.initialize();
document.body.dataset.ready = 'true';
