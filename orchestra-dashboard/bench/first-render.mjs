// Time to first complete render of a big run in headless Chromium: the dashboard's built page (dist/) and the RunView
// of a finished 1,000-stage run (written by RunViewBench --fixture), served from memory by a small server here, so
// that only the page is timed. Each load is a fresh page; the time runs from navigation start to the first frame
// after the graph is built (performance marks in main.ts), with the phases: JSON fetched, dagre layout, SVG built.
//   node bench/first-render.mjs /tmp/run-1000.json [loads]      (SCREENSHOT=file.png: a picture of the first load)
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { launch } from '../e2e/browser.mjs';

const fixture = readFileSync(process.argv[2]);
const loads = Number(process.argv[3] ?? 15);
const dist = new URL('../dist/', import.meta.url).pathname;
const types = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };
const server = createServer((req, res) => {
  if (req.url === '/api/runs/1') {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(fixture);
  } else if (req.url.startsWith('/assets/')) {
    res.writeHead(200, { 'Content-Type': types[extname(req.url)] ?? 'application/octet-stream' });
    res.end(readFileSync(join(dist, req.url)));
  } else {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(readFileSync(join(dist, 'index.html')));
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/runs/1`;
const view = JSON.parse(fixture);

const { browser, close } = await launch();
const rows = [];
try {
  for (let i = 0; i < loads + 1; i++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.rendered === 'complete', null, { timeout: 60_000 });
    const marks = await page.evaluate(() =>
      Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])),
    );
    const nodes = await page.$$eval('svg.graph g.node', (n) => n.length);
    if (nodes !== view.stages.length) throw new Error(`rendered ${nodes} nodes of ${view.stages.length}`);
    if (i > 0) rows.push(marks); // the first load fills caches
    if (i === 0 && process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
    await page.close();
  }
} finally {
  await close();
  server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const col = (f) => rows.map(f);
const total = col((m) => m['orchestra-painted']);
const fmt = (x) => `${Math.round(x)} ms`;
console.log(`first complete render of ${view.stages.length} stages, ${view.edges.length} edges; ${rows.length} loads`);
console.log('| what | median | min | p90 |');
console.log('| :--- | ---: | ---: | ---: |');
for (const [what, xs] of [
  ['navigation start → JSON fetched', col((m) => m['orchestra-fetched'])],
  ['dagre layout', col((m) => m['orchestra-laid-out'] - m['orchestra-fetched'])],
  ['SVG built', col((m) => m['orchestra-rendered'] - m['orchestra-laid-out'])],
  ['first frame after it', col((m) => m['orchestra-painted'] - m['orchestra-rendered'])],
  ['**navigation start → complete render**', total],
]) {
  console.log(`| ${what} | ${fmt(median(xs))} | ${fmt(Math.min(...xs))} | ${fmt(pct(xs, 0.9))} |`);
}
