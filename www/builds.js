// The engine's wasm builds, each a package that ./run build writes to
// www/pkg/<name>/: single-threaded, or threaded (atomics and shared memory,
// for a cross-origin isolated page), each with SIMD or with relaxed SIMD
// (WebAssembly's relaxed_madd: a fused multiply-add where the hardware has
// one; Chrome 114+, Firefox 146+, not Safari). The worker loads the one the
// page and the browser can run.

/**
 * @typedef {{name: string, threads: boolean, relaxed: boolean}} Build
 */

/** @type {readonly Build[]} */
export const BUILDS = Object.freeze([
    { name: 'single', threads: false, relaxed: false },
    { name: 'threads', threads: true, relaxed: false },
    { name: 'single-relaxed', threads: false, relaxed: true },
    { name: 'threads-relaxed', threads: true, relaxed: true },
]);

/**
 * The build with (or without) threads and relaxed SIMD.
 * @param {boolean} threads
 * @param {boolean} relaxed
 * @returns {Build}
 */
export function buildFor(threads, relaxed) {
    const build = BUILDS.find((b) => b.threads === threads && b.relaxed === relaxed);
    if (!build) throw new Error(`no build with threads: ${threads}, relaxed: ${relaxed}`);
    return build;
}
