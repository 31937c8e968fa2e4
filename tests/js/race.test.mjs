// The race's derived figures (www/race.js), in Node: what the page's
// charts and lines are drawn from.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scaling } from '../../www/race.js';

/** A race row as the engine gives it, with only what `scaling` reads. */
const row = (/** @type {string} */ kernels, /** @type {number} */ threads, /** @type {number} */ best) =>
    /** @type {any} */ ({ engine: kernels === 'scalar' ? 'eager' : 'vm', simd: kernels !== 'scalar', kernels, threads, best });

test('thread scaling follows one SIMD flavour: high accuracy, or low where only it raced', () => {
    const high = [row('simd', 1, 8), row('simd', 2, 4.4)];
    const low = [row('simd-low', 1, 6), row('simd-low', 2, 3.2)];
    assert.deepEqual(scaling([row('scalar', 1, 12), ...high, ...low]), [
        { threads: 1, speedup: 1 },
        { threads: 2, speedup: 8 / 4.4 },
    ]);
    assert.deepEqual(scaling(low), [
        { threads: 1, speedup: 1 },
        { threads: 2, speedup: 6 / 3.2 },
    ]);
    assert.deepEqual(scaling([row('scalar', 1, 12)]), []);
});
