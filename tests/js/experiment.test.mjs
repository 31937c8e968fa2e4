// The experiment's link format (www/experiment.js), without a browser:
// round trips, the README's example links, and hostile links.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
    DTYPES, LIMITS, classic, formatLink, parseExperiment, parseLink, setField, vars,
} from '../../www/experiment.js';

test("the page's dtypes are the engine's table's, and bytes", () => {
    const table = readFileSync(new URL('../../src/types/mod.rs', import.meta.url), 'utf8');
    const names = [...table.matchAll(/^\s+\w+ \w+ "(\w+)" "\w+" \w+,$/gm)].map((m) => m[1]);
    assert.ok(names.length >= 5, 'the table was not found');
    assert.deepEqual([...DTYPES].sort(), [...names, 'bytes'].sort());
});

test('the README example reads as written', () => {
    const { experiment, view, problems, found } = parseLink('expr=sin(2*pi*x)&x=linspace(-1,1,1e6):float64&threads=1,2&run');
    assert.deepEqual(problems, []);
    assert.equal(found, true);
    assert.equal(experiment.expr, 'sin(2*pi*x)');
    assert.deepEqual(experiment.inputs, [{ name: 'x', value: 'linspace(-1,1,1e6)', dtype: 'float64' }]);
    assert.deepEqual(experiment.threads, [1, 2]);
    assert.equal(view.run, true);
});

test('an experiment round-trips through its link, readable', () => {
    const experiment = {
        expr: 't = 2*pi*x\nk*sin(t)**2 + cos(t)**2 & (a == b)',
        inputs: [
            { name: 'x', value: 'linspace(0, 1, 1e6)', dtype: 'float32' },
            { name: 'k', value: '3', dtype: 'float32' },
            { name: 'expr', value: 'arange(10)', dtype: 'int64' },
        ],
        engines: ['eager', 'simd', 'simd-low'],
        threads: [1, 'max'],
        repeats: 7,
        loops: 20,
    };
    const view = { run: true, autorun: 'slide', theme: 'dark', controls: false, picture: 'abs' };
    const link = formatLink(/** @type {any} */ (experiment), /** @type {any} */ (view));
    assert.equal(link, 'expr=t%20=%202*pi*x%0Ak*sin(t)**2%20+%20cos(t)**2%20%26%20(a%20==%20b)'
        + '&x=linspace(0,%201,%201e6):float32'
        + '&k=3:float32&var.expr=arange(10):int64&engines=eager,simd,simd-low&threads=1,max&repeats=7&loops=20'
        + '&autorun=slide&theme=dark&controls=0&picture=abs&run');
    const back = parseLink(link);
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.experiment, experiment);
    assert.deepEqual(back.view, view);
});

test('the defaults: the classic, every engine but the low accuracy, thread counts left to the page', () => {
    // Which contenders they make is the engine's (src/race.rs, and the
    // e2e test of `lab.contenders`).
    const { experiment, found } = parseLink('');
    assert.equal(found, false);
    assert.deepEqual(experiment, classic());
    assert.deepEqual(experiment.engines, ['eager', 'scalar', 'simd']);
    assert.equal(experiment.threads, undefined);
});

test('inputs go to the API as structured constructors and scalars', () => {
    const { experiment } = parseLink('expr=k*x&x=arange(5):int32&k=2.5:float32&y=1e3');
    assert.deepEqual(vars(experiment.inputs), {
        x: { constructor: 'arange(5)', dtype: 'int32' },
        k: { value: 2.5, dtype: 'float32' },
        y: { value: 1000, dtype: 'float64' },
    });
});

test('hostile links: every problem is a line of text, and what could be read is kept', () => {
    const cases = [
        ['expr=%E0%A4%A', /`expr=%E0%A4%A` is not valid percent-encoding/],
        ['expr=x&bogus-key=1', /`bogus-key` is not a key of an experiment/],
        ['expr=x&%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1', /`<img src=x onerror=alert\(1\)>` is not a key/],
        ['expr=x&x=zeros(3):float128', /the dtype `float128` of `x` is not one of float64, float32, int64, int32, bool, int16, int8, uint64, uint32, uint16, uint8, complex128, bytes; float64 was used/],
        ['expr=x&threads=1,two', /threads `1,two`: `two` is not `max` or a whole number from 1 to 256/],
        ['expr=x&threads=0', /is not `max` or a whole number/],
        ['expr=x&repeats=1e9', /repeats `1e9` is not a whole number from 1 to 100/],
        ['expr=x&engines=numba', /engines `numba`: give one or more of eager, scalar, simd, simd-low/],
        ['expr=x&theme=neon', /theme `neon` is not one of auto, light, dark/],
        ['expr=x&picture=phase', /picture `phase` is not one of domain, abs, real, imag/],
        ['expr=x&x=', /the input `x` has no value/],
        ['expr=x&x', /`x` needs a value \(`x=...`\)/],
        ['expr=x&x=1&x=2', /the input `x` is given twice/],
        ['expr=x&controls=maybe', /controls `maybe` is not 1 or 0/],
    ];
    for (const [link, message] of cases) {
        const { problems, experiment } = parseLink(link);
        assert.equal(problems.length, 1, `${link}: ${problems}`);
        assert.match(problems[0], message);
        assert.equal(experiment.expr, link.startsWith('expr=x') ? 'x' : 'sin(2*pi*x)');
    }
    // A script in the expression is only text: kept, as the expression, for the engine to refuse.
    const script = parseLink('expr=%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E');
    assert.deepEqual(script.problems, []);
    assert.equal(script.experiment.expr, '</script><script>alert(1)</script>');
    // The dtype that does not exist: the input is kept as float64.
    assert.deepEqual(parseLink('x=zeros(3):float128').experiment.inputs, [{ name: 'x', value: 'zeros(3)', dtype: 'float64' }]);
});

test('limits: a long link, a long expression, too many inputs', () => {
    const huge = `expr=${'x+'.repeat(500_000)}x`;
    const long = parseLink(huge);
    assert.equal(long.problems.length, 1);
    assert.match(long.problems[0], /^the link's experiment is 1,000,006 characters long; at most 16,384 are read, so it was ignored$/);
    assert.deepEqual(long.experiment, classic());
    const expr = parseLink(`expr=${'x+'.repeat(3000)}x`);
    assert.match(expr.problems[0], /the expression is 6,001 characters long; at most 4,096 are allowed/);
    const many = parseLink(['expr=a0', ...Array.from({ length: 500 }, (_, i) => `a${i}=zeros(1)`)].join('&'));
    assert.deepEqual(many.problems, [`the link has 500 inputs; the lab takes at most ${LIMITS.inputs}, and the first ${LIMITS.inputs} were read`]);
    assert.equal(many.experiment.inputs.length, LIMITS.inputs);
    assert.equal(parseLink(`x=${'1'.repeat(600)}`).problems.length, 1);
});

test('the lab\'s form sets the race settings with the same rules', () => {
    const experiment = classic();
    assert.equal(setField(experiment, 'threads', '1,max'), undefined);
    assert.deepEqual(experiment.threads, [1, 'max']);
    assert.match(setField(experiment, 'repeats', '0') ?? '', /not a whole number from 1 to 100/);
    assert.equal(experiment.repeats, 5);
});

test('an experiment from a message: link text or an object, with the same limits', () => {
    const object = parseExperiment({ expr: 'a+1', inputs: [{ name: 'a', value: 'arange(3)', dtype: 'int32' }], threads: [1, 2], repeats: 3 });
    assert.deepEqual(object.problems, []);
    assert.deepEqual(object.experiment.inputs, [{ name: 'a', value: 'arange(3)', dtype: 'int32' }]);
    assert.deepEqual(object.experiment.threads, [1, 2]);
    assert.equal(object.experiment.repeats, 3);
    assert.equal(parseExperiment('expr=y&y=ones(2)').experiment.expr, 'y');
    assert.match(parseExperiment(42).problems[0], /an experiment is the text of a link or an object/);
    assert.match(parseExperiment({ expr: 1 }).problems[0], /`expr` is not a string/);
    assert.match(parseExperiment({ inputs: [{ name: '<b>', value: 1 }] }).problems[0], /`<b>` is not a key/);
});
