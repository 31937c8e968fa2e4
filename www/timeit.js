// Python's timeit, for the lab's worker, its race and the benchmark's page:
// loops grown 1, 2, 5, 10, 20, 50, ... until a batch takes `minTime`
// seconds (unless `loops` is given), then `repeats` batches; and their spread.

/**
 * Seconds per loop of `fn` in each repeat, and the loops per batch.
 * @param {() => unknown} fn
 * @param {{loops?: number, repeats: number, minTime: number,
 *   onRepeat?: (done: number, total: number) => void}} options
 * @returns {{perLoop: number[], loops: number}}
 */
export function timeit(fn, { loops, repeats, minTime, onRepeat }) {
    const batch = (/** @type {number} */ n) => {
        const start = performance.now();
        for (let i = 0; i < n; i++) fn();
        return (performance.now() - start) / 1000;
    };
    if (!loops) {
        grow: for (let scale = 1; ; scale *= 10) {
            for (const n of [1, 2, 5]) {
                loops = n * scale;
                if (batch(loops) >= minTime || loops >= 1e6) break grow;
            }
        }
    }
    const perLoop = [];
    for (let r = 0; r < repeats; r++) {
        perLoop.push(batch(loops) / loops);
        onRepeat?.(r + 1, repeats);
    }
    return { perLoop, loops };
}

/**
 * The best of the repeats' seconds per loop, and their mean and standard
 * deviation (of the population, as `%timeit` reports it).
 * @param {number[]} perLoop
 * @returns {{best: number, mean: number, std: number}}
 */
export function spread(perLoop) {
    const mean = perLoop.reduce((a, b) => a + b, 0) / perLoop.length;
    const std = Math.sqrt(perLoop.reduce((a, t) => a + (t - mean) ** 2, 0) / perLoop.length);
    return { best: Math.min(...perLoop), mean, std };
}
