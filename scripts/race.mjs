// The page's own race in headless Chromium, printed as a markdown table:
//
//     node scripts/race.mjs                       # the classic, sin(2*pi*x) over linspace(-1, 1, 1e6)
//     node scripts/race.mjs 'exp(-x**2/2)' 'x=linspace(-5, 5, 1e6)' --repeats 7
//
// Inputs are NAME=CONSTRUCTOR (float64; append a dtype argument for
// another). Loops grow until a repeat takes 0.2 s, as on the page. Needs
// both wasm packages built (`./run build`).

import { launch, serve } from './browser.mjs';

const args = process.argv.slice(2);
let repeats = '5';
const positional = [];
for (let i = 0; i < args.length; i++) {
    if (args[i] === '--repeats') repeats = args[++i];
    else positional.push(args[i]);
}
const [expr = 'sin(2*pi*x)', ...inputs] = positional;
const rows = (inputs.length ? inputs : ['x=linspace(-1, 1, 1e6)']).map((text) => {
    const at = text.indexOf('=');
    if (at < 1) throw new Error(`an input is NAME=CONSTRUCTOR, not \`${text}\``);
    return [text.slice(0, at), text.slice(at + 1)];
});

const server = await serve();
const { context, close } = await launch();
try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready]', { timeout: 60_000 });
    while ((await page.locator('#inputs tr').count()) > 0) await page.locator('#inputs tr button').first().click();
    for (const [name, value] of rows) {
        await page.click('#add-input');
        const row = page.locator('#inputs tr').last();
        await row.locator('input').nth(0).fill(name);
        await row.locator('input').nth(1).fill(value);
        // The dtype, when the constructor names one, wins over the select's float64.
        const dtype = value.match(/(bool|int32|int64|float32|float64)\s*\)\s*$/)?.[1];
        if (dtype) {
            await row.locator('input').nth(1).fill(value.replace(/,\s*(bool|int32|int64|float32|float64)\s*\)\s*$/, ')'));
            await row.locator('select').selectOption(dtype);
        }
    }
    await page.fill('#expr', expr);
    await page.fill('#repeats', repeats);
    await page.fill('#loops', '');
    await page.waitForSelector('#check-message.ok', { timeout: 10_000 });
    await page.click('#run');
    await page.waitForFunction(() => !document.body.classList.contains('busy'), null, { timeout: 600_000 });
    const error = await page.textContent('#run-error');
    if (await page.isVisible('#run-error')) throw new Error(error ?? 'the race failed');
    const table = await page.$$eval('#race tr', (trs) => trs.map((tr) => [...tr.cells].map((td) => td.textContent)));
    const agreement = await page.textContent('#agreement');
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const version = context.browser()?.version() ?? (await page.evaluate(() => navigator.userAgent));
    console.log(`expression  ${expr}`);
    console.log(`inputs      ${rows.map(([n, v]) => `${n} = ${v}`).join(', ')}`);
    console.log(`browser     ${version}, headless, ${cores} threads, cross-origin isolated\n`);
    console.log('| engine | threads | best | mean ± std | vs eager | max ULP diff |');
    console.log('|---|---:|---:|---:|---:|---:|');
    for (const row of table) console.log(`| ${row.join(' | ')} |`);
    console.log(`\n${agreement}`);
} finally {
    await close();
    server.stop();
}
