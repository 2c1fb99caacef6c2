// Browser tests of the dashboard against real runs of the example Jenkinsfiles, served by a real runner.
// Started by DashboardBrowserTest (orchestra-runner), which runs the examples and passes their addresses:
//   node e2e/dashboard.e2e.mjs '{"approval": "http://127.0.0.1:P/runs/1", "approvalUi": "…", "diamond": "…",
//                                "delivery": "…", "deploy": "…", "notify": "…", "liveLog": "…",
//                                "liveLogStop": "file", "screenshots": "dir"}'
// liveLog is a run going on whose stage `stream` prints a numbered line every 0.2 s until the file liveLogStop exists.
// Prints "N passed, N failed" and exits 1 if a check failed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const shots = config.screenshots;
if (shots) mkdirSync(shots, { recursive: true });
const results = [];
const TIMEOUT = 20_000;

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL ${name}: ${e.message.split('\n')[0]}`);
  }
}

async function shot(page, name) {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
}

const names = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.getAttribute('data-name')));
const status = (page, name) =>
  page.getAttribute(`svg.graph [data-name="${name}"]`, 'data-status', { timeout: TIMEOUT });
const edges = (page) =>
  page.$$eval('svg.graph path.edge', (ps) => {
    const byId = new Map([...document.querySelectorAll('svg.graph [data-id]')].map((n) => [n.getAttribute('data-id'), n.getAttribute('data-name')]));
    return ps.map((p) => `${byId.get(p.getAttribute('data-from'))}->${byId.get(p.getAttribute('data-to'))}`).sort();
  });

const { browser, close } = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
const page = await context.newPage();
page.setDefaultTimeout(TIMEOUT);
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));

const logLines = (page) =>
  page.$eval('.stage-panel pre.log', (p) => (p.textContent.match(/^line \d+$/gm) ?? []).map((l) => Number(l.slice(5))));
const tableRows = (page, selector) =>
  page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
const tableColumns = (page, selector) => page.$$eval(`${selector} thead th`, (ths) => ths.map((th) => th.textContent));

try {
  if (config.liveLog) {
    await check('live: a running stage\'s log grows in the page, pushed as server-sent events', async () => {
      const streams = [];
      let first = [];
      const onRequest = (r) => {
        if (r.url().includes('/log/events')) streams.push(r.url());
      };
      page.on('request', onRequest);
      try {
        await page.goto(config.liveLog);
        await page.waitForSelector('svg.graph [data-name="stream"][data-status="RUNNING"]');
        await page.click('svg.graph [data-name="stream"]');
        await page.waitForFunction(() => /^line \d+$/m.test(document.querySelector('.stage-panel pre.log')?.textContent ?? ''));
        first = await logLines(page);
        // more lines, with no reload and no click (a line every 0.2 s, or slower on a busy machine)
        await page.waitForFunction(
          (n) => (document.querySelector('.stage-panel pre.log').textContent.match(/^line \d+$/gm) ?? []).length >= n + 3,
          first.length,
          { timeout: 60_000 },
        );
        assert(streams.length === 1, `log event streams opened: ${streams.length}`);
        const lines = await logLines(page);
        const start = lines[0];
        assert(lines.every((n, i) => n === start + i), `lines out of order or twice: ${lines.slice(0, 40).join(',')}`);
        assert((await status(page, 'stream')) === 'RUNNING', 'stream stopped running before the log was checked');
        writeFileSync(config.liveLogStop, 'stop\n');
        // a busy machine may take a while to see the stop file and end the stage
        await page.waitForSelector('svg.graph [data-name="stream"][data-status="SUCCEEDED"]', { timeout: 60_000 });
        await page.waitForFunction(
          () => /stopped after \d+ lines/.test(document.querySelector('.stage-panel pre.log').textContent),
          undefined,
          { timeout: 60_000 },
        );
        const all = await logLines(page);
        assert(all.every((n, i) => n === start + i), 'lines out of order or twice at the end');
      } catch (e) {
        const log = await page.textContent('.stage-panel pre.log').catch(() => '(no panel)');
        const st = await page.getAttribute('svg.graph [data-name="stream"]', 'data-status', { timeout: 1000 }).catch(() => '?');
        throw new Error(`${e.message.split('\n')[0]}; stream is ${st}, streams ${streams.length}, first ${first.length} lines to ${first.at(-1)}, log: ${JSON.stringify(log.slice(-300))}`);
      } finally {
        page.off('request', onRequest);
      }
    });
  }

  if (config.approval) {
    await check('approval: the graph shows the plan with its needs, and who must approve', async () => {
      await page.goto(config.approval);
      await page.waitForSelector('svg.graph [data-name="deploy"][data-status="WAITING_FOR_APPROVAL"]');
      const nodes = (await names(page, 'svg.graph g.node')).sort();
      assert(JSON.stringify(nodes) === JSON.stringify(['announce', 'build', 'deploy', 'lint', 'unit tests']), `nodes ${nodes}`);
      const e = await edges(page);
      const want = ['build->lint', 'build->unit tests', 'deploy->announce', 'lint->deploy', 'unit tests->deploy'];
      assert(JSON.stringify(e) === JSON.stringify(want), `edges ${e}`);
      const subtitle = await page.textContent('svg.graph [data-name="deploy"] .subtitle');
      assert(subtitle.includes('alice, bob'), `deploy says "${subtitle}"`);
      const title = await page.textContent('svg.graph [data-name="deploy"] title');
      assert(title.includes('waiting for approval'), `deploy's status text: "${title}"`);
      const icon = await page.textContent('svg.graph [data-name="build"] .icon');
      assert(icon === '✔', `build's icon is "${icon}"`);
      await shot(page, 'graph-waiting-for-approval');
    });

    await check('approval: approving in the page lets the run go on, and statuses change live', async () => {
      await page.click('svg.graph [data-name="deploy"]');
      await page.waitForSelector('.stage-panel form.approval-form');
      await page.fill('.stage-panel form.approval-form input[name="by"]', 'alice');
      await page.fill('.stage-panel form.approval-form input[name="comment"]', 'release notes checked');
      await shot(page, 'stage-detail-approval');
      await page.click('.stage-panel form.approval-form button.approve');
      await page.waitForSelector('svg.graph [data-name="deploy"][data-status="RUNNING"], svg.graph [data-name="deploy"][data-status="SUCCEEDED"]');
      await page.waitForSelector('svg.graph [data-name="announce"][data-status="SUCCEEDED"]');
      await page.waitForSelector('[data-run-status="SUCCESS"]');
      assert((await status(page, 'deploy')) === 'SUCCEEDED', 'deploy did not succeed');
    });

    await check('approval: the finished run, served by orchestra ui, shows the outputs of a stage as a table', async () => {
      assert(config.approvalUi, 'no approvalUi address');
      await page.goto(config.approvalUi);
      await page.waitForSelector('[data-run-status="SUCCESS"]');
      await page.click('svg.graph [data-name="deploy"]');
      await page.waitForSelector('.stage-panel table.data td:text("web2")');
      // the log comes with a request of its own, after the outputs
      await page
        .waitForFunction(() => document.querySelector('.stage-panel pre.log')?.textContent.includes('deploying 1.0.'))
        .catch(() => {});
      const log = await page.textContent('.stage-panel pre.log');
      assert(log.includes('deploying 1.0.'), `deploy's log: ${log.slice(0, 200)}`);
    });

    await check('approval: the approvals view keeps the audit trail', async () => {
      await page.click('nav.tabs [data-tab="approvals"]');
      await page.waitForSelector('.approvals section.approved');
      const row = await page.textContent('.approvals table.audit tbody tr');
      assert(row.includes('alice') && row.includes('approved') && row.includes('release notes checked'), `audit: ${row}`);
      await shot(page, 'approvals');
    });
  }

  if (config.diamond) {
    await check('diamond: nodes, needs, a retry, a skip with its reason, a finally stage', async () => {
      await page.goto(config.diamond);
      await page.waitForSelector('svg.graph g.node');
      const nodes = (await names(page, 'svg.graph g.node')).sort();
      const want = ['build', 'clean up', 'integration tests', 'package', 'publish', 'unit tests'];
      assert(JSON.stringify(nodes) === JSON.stringify(want), `nodes ${nodes}`);
      const e = await edges(page);
      for (const x of ['build->unit tests', 'build->integration tests', 'unit tests->package', 'integration tests->package', 'package->publish']) {
        assert(e.includes(x), `no edge ${x} in ${e}`);
      }
      assert((await status(page, 'publish')) === 'SKIPPED', 'publish is not skipped');
      const reason = await page.textContent('svg.graph [data-name="publish"] title');
      assert(/when|condition/i.test(reason), `publish's reason: ${reason}`);
      const it = await page.textContent('svg.graph [data-name="integration tests"] title');
      assert(it.includes('succeeded'), `integration tests: ${it}`);
      assert((await page.$$('svg.graph g.node.critical')).length >= 2, 'no critical path in the graph');
      assert((await page.$$('svg.graph path.edge.critical')).length >= 1, 'no critical edge');
      await shot(page, 'graph-diamond');
    });

    await check('diamond: zoom and pan move the graph, Fit shows all of it again', async () => {
      const inside = () =>
        page.evaluate(() => {
          const frame = document.querySelector('svg.graph').getBoundingClientRect();
          return [...document.querySelectorAll('svg.graph g.node')].every((n) => {
            const r = n.getBoundingClientRect();
            return r.left >= frame.left - 1 && r.right <= frame.right + 1 && r.top >= frame.top - 1 && r.bottom <= frame.bottom + 1;
          });
        });
      const transform = () => page.getAttribute('svg.graph g.viewport', 'transform');
      assert(await inside(), 'the graph does not fit at first');
      for (let i = 0; i < 6; i++) await page.click('.graph-tools button[title="Zoom in"]');
      const zoomed = await transform();
      assert(!(await inside()), `zoomed in 6 times, every stage is still in view (${zoomed})`);
      // a point of the background, not a stage: dragging a stage would not pan
      const from = await page.evaluate(() => {
        const r = document.querySelector('svg.graph').getBoundingClientRect();
        for (let y = r.top + 5; y < r.bottom; y += 10) {
          for (let x = r.left + 5; x < r.right; x += 10) {
            if (!document.elementFromPoint(x, y)?.closest('.node,.group,.graph-tools')) return { x, y };
          }
        }
        return null;
      });
      assert(from, 'no background to drag');
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(from.x + 120, from.y + 30, { steps: 4 });
      await page.mouse.up();
      const panned = await transform();
      assert(panned !== zoomed, 'dragging the background did not pan');
      await page.mouse.wheel(0, 400);
      await page.waitForFunction((t) => document.querySelector('svg.graph g.viewport').getAttribute('transform') !== t, panned);
      await page.click('.graph-tools button.fit');
      assert(await inside(), `after Fit a stage is out of view (${await transform()})`);
    });

    await check('diamond: the timeline shows waits, attempts and the critical path', async () => {
      await page.click('nav.tabs [data-tab="timeline"]');
      await page.waitForSelector('.timeline .tl-row');
      const critical = await names(page, '.timeline .tl-row.critical');
      assert(critical.includes('build') && critical.includes('package'), `critical rows ${critical}`);
      assert((await page.$$('.timeline .tl-row .tag.bottleneck')).length === 1, 'no bottleneck named');
      const itBars = await page.$$('.timeline .tl-row[data-name="integration tests"] .bar');
      assert(itBars.length >= 3, `integration tests has ${itBars.length} bars: attempt, retry wait, attempt`);
      const summary = await page.textContent('.critical-path-summary');
      assert(summary.includes('Bottleneck'), `summary: ${summary}`);
      await shot(page, 'timeline-diamond');
    });
  }

  if (config.delivery) {
    await check('delivery: parallel stages grouped, fan-out and fan-in edges', async () => {
      await page.goto(config.delivery);
      await page.waitForSelector('svg.graph g.node');
      const groups = await names(page, 'svg.graph g.group');
      assert(groups.includes('Checks'), `groups ${groups}`);
      const e = await edges(page);
      for (const x of ['Build->Unit tests', 'Build->Lint', 'Unit tests->Package', 'Lint->Package', 'Package->Deploy']) {
        assert(e.includes(x), `no edge ${x} in ${e}`);
      }
    });

    await check('delivery: a failing stage shows its log tail', async () => {
      assert((await status(page, 'Deploy')) === 'FAILED', 'Deploy did not fail');
      await page.click('svg.graph [data-name="Deploy"]');
      await page.waitForFunction(() => document.querySelector('.stage-panel pre.log')?.textContent.includes('TARGET_DIR is not set'));
      assert((await status(page, 'Smoke test')) === 'SKIPPED', 'Smoke test was not skipped');
      await shot(page, 'stage-detail-failed-log');
    });

    await check('runs: the list has the run with its status', async () => {
      await page.goto(new URL('../', config.delivery).href.replace(/runs\/$/, ''));
      await page.waitForSelector('table.runs tbody tr');
      const text = await page.textContent('table.runs');
      assert(text.includes('failure') && text.includes('Jenkinsfile'), `runs: ${text}`);
      await shot(page, 'runs');
    });
  }
  if (config.deploy) {
    await check('deploy: the Deploy stage shows each host with the release it had and the one it has now', async () => {
      await page.goto(config.deploy);
      await page.waitForSelector('[data-run-status="SUCCESS"]');
      await page.click('svg.graph [data-name="Deploy"]');
      const table = '.stage-panel section.automation[data-step="deploy"] table.data';
      await page.waitForSelector(table);
      const columns = await tableColumns(page, table);
      assert(JSON.stringify(columns) === JSON.stringify(['host', 'release', 'result', 'live', 'time']), `columns ${columns}`);
      const rows = (await tableRows(page, table)).map((r) => r.slice(0, 4).join(' | '));
      const want = ['web1', 'web2', 'web3'].map((h) => `${h} | 1.0.1 → 1.0.2 | deployed | 1.0.2`);
      assert(JSON.stringify(rows) === JSON.stringify(want), `hosts ${JSON.stringify(rows)}`);
      const heading = await page.textContent('.stage-panel section.automation[data-step="deploy"] h3');
      assert(heading.startsWith('deploy (line '), `heading ${heading}`);
      await shot(page, 'stage-detail-deploy');
    });
  }

  if (config.notify) {
    await check('notify: the notifications of the post section show with the run', async () => {
      await page.goto(config.notify);
      await page.waitForSelector('[data-run-status="SUCCESS"]');
      const summary = await page.textContent('details.run-automation summary');
      assert(summary.includes('notify ×2'), `summary ${summary}`);
      await page.click('details.run-automation summary');
      const table = 'details.run-automation section.automation[data-step="notify"] table.data';
      await page.waitForSelector(table);
      const rows = (await tableRows(page, table)).map((r) => r.slice(0, 3).join(' | '));
      assert(JSON.stringify(rows) === JSON.stringify(['team | outbox | sent', 'releases | outbox | sent']), `rows ${JSON.stringify(rows)}`);
      await shot(page, 'run-notifications');
    });
  }

  await check('no script errors in the pages', async () => {
    assert(errors.length === 0, errors.join('; '));
  });
} finally {
  await close();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
