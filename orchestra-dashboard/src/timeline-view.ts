// The timeline: a Gantt chart of the run, waits apart from running time, the critical path marked.
import { clear, h } from './dom';
import { formatDuration, type TimelineModel } from './model';

export class TimelineView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly axis: HTMLElement;

  constructor(private readonly onSelect: (id: string) => void) {
    this.axis = h('div', { class: 'tl-axis' });
    this.body = h('div', { class: 'tl-body' });
    const legend = h(
      'div',
      { class: 'tl-legend' },
      h('span', { class: 'bar running' }),
      ' running ',
      h('span', { class: 'bar waiting' }),
      ' waiting (slot, lock, approval, retry) ',
      h('span', { class: 'bar running critical-sample' }),
      ' critical path',
    );
    this.element = h('div', { class: 'timeline' }, legend, this.axis, this.body);
  }

  update(model: TimelineModel): void {
    clear(this.axis);
    clear(this.body);
    const ticks = 6;
    for (let i = 0; i <= ticks; i++) {
      const at = (model.total * i) / ticks;
      this.axis.append(h('span', { class: 'tick', style: `left:${(100 * i) / ticks}%` }, formatDuration(at)));
    }
    const pct = (v: number) => `${Math.max(0, Math.min(100, (100 * v) / model.total)).toFixed(3)}%`;
    const fragment = document.createDocumentFragment();
    for (const r of model.rows) {
      const track = h('div', { class: 'tl-track' });
      for (const b of r.bars) {
        track.append(
          h('span', {
            class: `bar ${b.kind}${b.reason ? ` ${b.reason}` : ''}`,
            style: `left:${pct(b.from)};width:calc(${pct(b.to - b.from)} + 1px)`,
            title: `${b.kind === 'waiting' ? `waiting${b.reason ? ` (${b.reason})` : ''}` : 'running'}: ${formatDuration(b.to - b.from)}`,
          }),
        );
      }
      const label = h(
        'div',
        { class: 'tl-label', style: `padding-left:${4 + r.depth * 12}px`, title: r.label },
        h('span', { class: 'icon' }, r.look.icon),
        ` ${r.label}`,
        r.bottleneck ? h('span', { class: 'tag bottleneck' }, 'bottleneck') : null,
      );
      const times = h(
        'div',
        { class: 'tl-times' },
        formatDuration(r.ran),
        r.waited > 0 ? h('span', { class: 'waited' }, ` +${formatDuration(r.waited)} waiting`) : null,
      );
      const row = h(
        'div',
        {
          class: `tl-row st-${r.look.cls}${r.critical ? ' critical' : ''}`,
          'data-id': r.id,
          'data-name': r.label,
          'data-status': r.status,
          onclick: () => this.onSelect(r.id),
        },
        label,
        track,
        times,
      );
      fragment.append(row);
    }
    this.body.append(fragment);
  }
}
