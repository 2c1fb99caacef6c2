// The runs of the workspace: status, title, start, duration, trigger.
import * as api from './api';
import { h, time } from './dom';
import { host } from './host';
import { formatDuration, RUN_STATUS } from './model';

export async function runsPage(root: HTMLElement): Promise<void> {
  root.append(h('h1', {}, 'Runs'));
  const runs = await api.runs();
  if (runs.length === 0) {
    root.append(h('p', { class: 'empty' }, 'No runs yet: orchestra run Jenkinsfile'));
    return;
  }
  root.append(
    h(
      'table',
      { class: 'data runs' },
      h(
        'thead',
        {},
        h('tr', {}, ...['#', 'status', 'Jenkinsfile', 'started', 'duration', 'trigger'].map((c) => h('th', {}, c))),
      ),
      h(
        'tbody',
        {},
        ...runs.map((r) => {
          const look = RUN_STATUS[r.status];
          return h(
            'tr',
            { 'data-run': r.number },
            h('td', {}, h('a', { href: host().runLink(r.number) }, `#${r.number}`)),
            h('td', {}, h('span', { class: `badge st-${look.cls}` }, `${look.icon} ${look.label}${r.live ? ' (live)' : ''}`)),
            h('td', {}, h('a', { href: host().runLink(r.number) }, r.title)),
            h('td', {}, time(r.startedAt)),
            h('td', {}, formatDuration(r.durationMillis)),
            h('td', {}, r.trigger),
          );
        }),
      ),
    ),
  );
}
