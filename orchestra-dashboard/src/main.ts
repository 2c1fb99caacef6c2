import './style.css';
import * as api from './api';
import { approvalForm, ApprovalsView } from './approvals-view';
import { clear, h } from './dom';
import { GraphView } from './graph-view';
import { host } from './host';
import { applyDelta, criticalPathSummary, formatDuration, graphModel, RUN_STATUS, timelineModel } from './model';
import { runsPage } from './runs-view';
import { renderAutomation, StageView } from './stage-view';
import { TimelineView } from './timeline-view';
import type { RunView } from './types';

type Tab = 'graph' | 'timeline' | 'approvals';

async function runPage(root: HTMLElement, number: number): Promise<void> {
  let view: RunView = await api.run(number);
  performance.mark('orchestra-fetched');
  let offset = Date.now() - view.now;
  let live = view.status === 'RUNNING';
  let tab: Tab = (['graph', 'timeline', 'approvals'].includes(location.hash.slice(1)) ? location.hash.slice(1) : 'graph') as Tab;
  let selected: string | null = null;

  const select = (id: string | null) => {
    selected = id;
    graph.select(id);
    const hidden = stage.element.hidden;
    stage.show(id, view, live);
    // the panel took or gave back room: the graph fits what it has now
    if (hidden !== stage.element.hidden && tab === 'graph') graph.fit();
  };
  const graph = new GraphView((id) => select(id));
  const timeline = new TimelineView((id) => select(id));
  const approvals = new ApprovalsView(number);
  const stage = new StageView(number, () => select(null), (a) => approvalForm(number, a, () => {}));

  const header = h('header', { class: 'run-header' });
  const summary = h('p', { class: 'critical-path-summary' });
  // what steps outside every stage did (a post section's notifications): kept open or closed across updates
  const post = h('details', { class: 'run-automation', hidden: true });
  let postKey = '[]';
  const tabs = h('nav', { class: 'tabs' });
  const body = h('div', { class: 'tab-body' });
  root.append(header, summary, post, tabs, h('div', { class: 'run-main' }, body, stage.element));

  const renderPost = () => {
    const list = view.automation ?? [];
    const key = JSON.stringify(list);
    if (key === postKey) return;
    postKey = key;
    clear(post);
    post.hidden = list.length === 0;
    const counts = new Map<string, number>();
    for (const a of list) counts.set(a.step, (counts.get(a.step) ?? 0) + 1);
    const what = [...counts].map(([step, n]) => (n > 1 ? `${step} ×${n}` : step)).join(', ');
    const failed = list.some((a) => a.error !== null);
    post.append(
      h('summary', {}, h('strong', {}, 'After the stages: '), what, failed ? h('span', { class: 'error' }, ' (failed)') : null),
      ...renderAutomation(list),
    );
  };

  const renderHeader = () => {
    clear(header);
    const look = RUN_STATUS[view.status];
    const parts: (Node | null)[] = [
      h('a', { href: host().runsLink, class: 'back' }, '← Runs'),
      h('h1', {}, `#${view.number} ${view.title}`),
      h('span', { class: `badge st-${look.cls}`, 'data-run-status': view.status }, `${look.icon} ${look.label}`),
      h('span', { class: 'meta' }, formatDuration(view.durationMillis)),
      view.trigger ? h('span', { class: 'meta' }, view.trigger) : null,
      ...Object.entries(view.params).map(([k, v]) => h('span', { class: 'param' }, `${k}=${v}`)),
      live ? h('span', { class: 'live', title: 'updates as the run goes on' }, '● live') : null,
    ];
    for (const p of parts) if (p) header.append(p);
    clear(summary);
    const cp = criticalPathSummary(view);
    if (cp.path.length) {
      const path =
        cp.path.length > 12
          ? [...cp.path.slice(0, 4), `… ${cp.path.length - 8} more …`, ...cp.path.slice(-4)].join(' → ')
          : cp.path.join(' → ');
      summary.append(h('strong', {}, 'Critical path '), `(${cp.total}, ${cp.path.length} stages): `, h('span', { class: 'path' }, path));
      if (cp.bottleneck) summary.append(h('span', { class: 'bottleneck-name' }, ` · Bottleneck: ${cp.bottleneck}`));
    }
    clear(tabs);
    const pending = view.approvals.filter((a) => a.status === 'PENDING').length;
    for (const [t, label] of [
      ['graph', 'Graph'],
      ['timeline', 'Timeline'],
      ['approvals', `Approvals${pending ? ` (${pending} pending)` : ''}`],
    ] as [Tab, string][]) {
      tabs.append(
        h(
          'a',
          {
            // the page's <base href> would make a bare #fragment another page
            href: `${location.pathname}#${t}`,
            class: t === tab ? 'active' : '',
            'data-tab': t,
            onclick: (e: Event) => {
              e.preventDefault();
              history.replaceState(null, '', `#${t}`);
              show(t);
            },
          },
          label,
        ),
      );
    }
  };

  const render = () => {
    renderHeader();
    renderPost();
    if (tab === 'graph') graph.update(graphModel(view));
    if (tab === 'timeline') timeline.update(timelineModel(view));
    if (tab === 'approvals') approvals.update(view);
    if (selected) stage.show(selected, view, live);
  };

  const show = (t: Tab) => {
    tab = t;
    clear(body);
    body.append(t === 'graph' ? graph.element : t === 'timeline' ? timeline.element : approvals.element);
    render();
    if (t === 'graph') graph.fit();
  };

  show(tab);
  performance.mark('orchestra-rendered');
  // complete once the browser has laid out and painted what was built
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark('orchestra-painted');
      document.body.dataset.rendered = 'complete';
    }, 0),
  );

  if (live) {
    let pending = false;
    const schedule = () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        render();
      });
    };
    api.follow(
      number,
      view.version,
      (delta) => {
        view = applyDelta(view, delta);
        offset = Date.now() - view.now;
        schedule();
      },
      () => {
        live = false;
        schedule();
      },
    );
    // durations of running stages go on between updates
    const tick = setInterval(() => {
      if (!live) {
        clearInterval(tick);
        return;
      }
      view = { ...view, now: Date.now() - offset, durationMillis: view.startedAt ? Date.now() - offset - view.startedAt : 0 };
      schedule();
    }, 1000);
  }
}

async function main(): Promise<void> {
  const root = document.getElementById('app') as HTMLElement;
  const path = location.pathname.slice(new URL(document.baseURI).pathname.length);
  const match = /^runs\/(\d+)\/?$/.exec(path);
  const number = host().run ?? (match ? Number(match[1]) : null);
  try {
    if (number !== null) await runPage(root, number);
    else await runsPage(root);
  } catch (e) {
    root.append(h('p', { class: 'error' }, `Could not load: ${(e as Error).message}`));
  }
}

void main();
