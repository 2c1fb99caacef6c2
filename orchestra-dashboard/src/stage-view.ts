// Stage detail: state, live log tail, outputs and automation details as tables, approval buttons.
import * as api from './api';
import { clear, h } from './dom';
import type { Follower } from './host';
import { automationSections, formatDuration, STAGE_STATUS, type Section, sections, stageDuration, stageSubtitle } from './model';
import type { Approval, Automation, RunView, Stage } from './types';

export function renderSections(list: Section[]): HTMLElement {
  const box = h('div', { class: 'sections' });
  for (const sec of list) {
    if (sec.title) box.append(h('h4', {}, sec.title));
    if (sec.kind === 'fields') {
      box.append(
        h('table', { class: 'fields' }, ...sec.rows.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))),
      );
    } else {
      box.append(
        h(
          'table',
          { class: 'data' },
          h('thead', {}, h('tr', {}, ...sec.columns.map((c) => h('th', {}, c)))),
          h('tbody', {}, ...sec.rows.map((r) => h('tr', {}, ...r.map((c) => h('td', {}, c))))),
        ),
      );
    }
  }
  return box;
}

/** What automation steps returned: a heading per step (`deploy (line 28)`), its error, its tables. */
export function renderAutomation(list: Automation[]): HTMLElement[] {
  return list.map((a) =>
    h(
      'section',
      { class: 'automation', 'data-step': a.step },
      h('h3', {}, `${a.step}${a.line ? ` (line ${a.line})` : ''}`),
      a.error ? h('p', { class: 'error' }, a.error) : null,
      renderSections(automationSections(a)),
    ),
  );
}

export class StageView {
  readonly element: HTMLElement;
  private readonly header = h('div', { class: 'stage-header' });
  private readonly details = h('div', { class: 'stage-details' });
  private readonly log = h('pre', { class: 'log', 'aria-label': 'stage log' });
  private stageId: string | null = null;
  private logOffset = 0;
  private logSource: Follower | null = null;
  private rendered = '';

  constructor(
    private readonly run: number,
    private readonly onClose: () => void,
    private readonly approvalForm: (a: Approval) => HTMLElement,
  ) {
    this.element = h(
      'aside',
      { class: 'stage-panel', hidden: true },
      h('button', { type: 'button', class: 'close', title: 'Close', onclick: () => this.onClose() }, '×'),
      this.header,
      this.details,
      h('h3', {}, 'Log'),
      this.log,
    );
  }

  show(id: string | null, view: RunView, live: boolean): void {
    if (id === null) {
      this.element.hidden = true;
      this.stop();
      this.stageId = null;
      return;
    }
    const stage = view.stages.find((s) => s.id === id);
    if (!stage) return;
    this.element.hidden = false;
    const changed = id !== this.stageId;
    this.stageId = id;
    this.renderState(stage, view);
    if (changed) {
      this.stop();
      this.loadLog(stage, live);
    } else if (!live || isDone(stage)) {
      if (this.logSource) {
        // the stage ended: the last lines may have come after the stream's last turn
        this.stop();
        void api
          .logFrom(this.run, id, this.logOffset)
          .then((c) => this.append(c.text, c.next))
          .catch(() => {
            // the run's server stopped with the run: the log shown is all there is
          });
      }
    }
  }

  private renderState(stage: Stage, view: RunView): void {
    const look = STAGE_STATUS[stage.status];
    const key = JSON.stringify([stage, view.approvals.filter((a) => a.stage === stage.id)]);
    if (key === this.rendered) return;
    this.rendered = key;
    clear(this.header);
    clear(this.details);
    this.header.append(
      h('h2', {}, stage.name),
      h('span', { class: `badge st-${look.cls}`, 'data-status': stage.status }, `${look.icon} ${look.label}`),
    );
    const facts: [string, string][] = [
      ['duration', formatDuration(stageDuration(stage, view.now))],
      ['waiting', formatDuration(stage.waitedMillis)],
      ['attempts', String(stage.attempts)],
    ];
    const sub = stageSubtitle(stage, view.now);
    if (sub) facts.push(['note', sub]);
    if (stage.rollback !== 'NONE') facts.push(['rollback', stage.rollback.toLowerCase().replace('_', ' ')]);
    if (view.criticalPath.stages.includes(stage.id)) {
      facts.push(['critical path', view.criticalPath.bottleneck === stage.id ? 'yes — the bottleneck' : 'yes']);
    }
    this.details.append(
      h('table', { class: 'fields' }, ...facts.map(([k, v]) => h('tr', {}, h('th', {}, k), h('td', {}, v)))),
    );
    for (const a of view.approvals) {
      if (a.stage === stage.id && a.status === 'PENDING') this.details.append(this.approvalForm(a));
    }
    if (Object.keys(stage.outputs).length) {
      this.details.append(h('h3', {}, 'Outputs'), renderSections(sections(stage.outputs)));
    }
    this.details.append(...renderAutomation(stage.automation));
  }

  private loadLog(stage: Stage, live: boolean): void {
    this.log.textContent = '';
    this.logOffset = 0;
    const id = stage.id;
    void api
      .logTail(this.run, id)
      .then((chunk) => {
        if (this.stageId !== id) return;
        this.append(chunk.offset > 0 ? `… ${chunk.offset} bytes before\n${chunk.text}` : chunk.text, chunk.next);
        if (live && !isDone(stage)) {
          this.logSource = api.followLog(this.run, id, chunk.next, (c) => {
            if (this.stageId === id) this.append(c.text, c.next);
          });
        }
      })
      .catch((e: Error) => {
        this.log.textContent = `(no log: ${e.message})`;
      });
  }

  private append(text: string, next: number): void {
    if (next < this.logOffset) return;
    this.logOffset = next;
    if (!text) return;
    const atBottom = this.log.scrollTop + this.log.clientHeight >= this.log.scrollHeight - 4;
    this.log.append(text);
    if (atBottom) this.log.scrollTop = this.log.scrollHeight;
  }

  private stop(): void {
    this.logSource?.close();
    this.logSource = null;
  }
}

function isDone(s: Stage): boolean {
  return s.status === 'SUCCEEDED' || s.status === 'FAILED' || s.status === 'ABORTED' || s.status === 'SKIPPED' || s.status === 'UNSTABLE';
}
