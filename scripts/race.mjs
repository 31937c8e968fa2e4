// The page's own race in headless Chromium, printed as a markdown table:
//
//     node scripts/race.mjs                       # the classic, sin(2*pi*x) over linspace(-1, 1, 1e6)
//     node scripts/race.mjs 'exp(-x**2/2)' 'x=linspace(-5, 5, 1e6)' --repeats 7
//
// Inputs are NAME=CONSTRUCTOR (float64; append a dtype argument for
// another). Loops grow until a repeat takes 0.2 s, as on the page. Needs
// both wasm packages built (`./run build`).

import { DTYPES } from '../www/experiment.js';
import { launch, race, serve, setInputs } from './browser.mjs';

const args = process.argv.slice(2);
let repeats = '5';
const positional = [];
for (let i = 0; i < args.length; i++) {
    if (args[i] === '--repeats') repeats = args[++i];
    else positional.push(args[i]);
}
const [expr = 'sin(2*pi*x)', ...inputs] = positional;
// [name, constructor, dtype]: a dtype the constructor names moves to the
// panel's dtype select (the page appends the select's dtype).
const DTYPE = new RegExp(`,\\s*(${DTYPES.join('|')})\\s*\\)\\s*$`);
/** @type {[string, string, string][]} */
const rows = (inputs.length ? inputs : ['x=linspace(-1, 1, 1e6)']).map((text) => {
    const at = text.indexOf('=');
    if (at < 1) throw new Error(`an input is NAME=CONSTRUCTOR, not \`${text}\``);
    const value = text.slice(at + 1);
    return [text.slice(0, at), value.replace(DTYPE, ')'), value.match(DTYPE)?.[1] ?? 'float64'];
});

const server = await serve();
const { context, close } = await launch();
try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    await setInputs(page, rows);
    await page.fill('#expr', expr);
    const table = await race(page, { repeats: Number(repeats), timeout: 600_000 });
    const error = await page.textContent('#run-error');
    if (await page.isVisible('#run-error')) throw new Error(error ?? 'the race failed');
    const agreement = await page.textContent('#agreement');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    console.log(`expression  ${expr}`);
    console.log(`inputs      ${rows.map(([n, v, d]) => `${n} = ${v} (${d})`).join(', ')}`);
    console.log(`browser     ${version}, headless, ${cores} threads, cross-origin isolated\n`);
    console.log('| engine | threads | best | mean ± std | vs eager | max ULP diff |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of table) console.log(`| ${row.join(' | ')} |`);
    console.log(`\n${agreement}`);
} finally {
    await close();
    server.stop();
}
