import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  automationSections,
  criticalPathSummary,
  formatDuration,
  graphModel,
  mayApprove,
  orderedApprovals,
  sections,
  stageSubtitle,
  timelineModel,
} from './model';
import type { Approval, RunView, Stage } from './types';

function stage(id: string, name: string, more: Partial<Stage> = {}): Stage {
  return {
    id,
    name,
    kind: 'stage',
    parent: null,
    status: 'SUCCEEDED',
    orchestrated: false,
    attempts: 1,
    readyAt: null,
    startedAt: 0,
    endedAt: 1000,
    durationMillis: 1000,
    waitedMillis: 0,
    note: null,
    waiting: null,
    spans: [],
    outputs: {},
    automation: [],
    rollback: 'NONE',
    ...more,
  };
}

function run(stages: Stage[], more: Partial<RunView> = {}): RunView {
  return {
    schema: 1,
    number: 1,
    title: 'Jenkinsfile',
    trigger: '',
    status: 'SUCCESS',
    startedAt: 0,
    endedAt: 10_000,
    durationMillis: 10_000,
    now: 10_000,
    version: 1,
    params: {},
    stages,
    edges: [],
    criticalPath: { stages: [], segments: [], totalMillis: 0, bottleneck: null },
    approvals: [],
    ...more,
  };
}

const approval = (more: Partial<Approval> = {}): Approval => ({
  id: 'deploy',
  stage: 's3',
  message: 'Ship it?',
  approvers: ['alice', 'bob'],
  quorum: 1,
  status: 'PENDING',
  requestedAt: 5,
  decisions: [],
  ...more,
});

describe('formatDuration', () => {
  it('reads like the runner summary', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(1234)).toBe('1.2 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
    expect(formatDuration(null)).toBe('—');
  });
});

describe('graphModel', () => {
  const view = run(
    [
      stage('s1', 'build'),
      stage('s2', 'checks', { startedAt: 1000, endedAt: 9000 }),
      stage('s3', 'unit', { parent: 's2', startedAt: 1000, endedAt: 9000 }),
      stage('s4', 'lint', { parent: 's2', startedAt: 1000, endedAt: 2000 }),
      stage('s5', 'deploy', { status: 'WAITING_FOR_APPROVAL', startedAt: null, endedAt: null }),
    ],
    {
      edges: [
        { from: 's1', to: 's3', kind: 'sequence' },
        { from: 's1', to: 's4', kind: 'sequence' },
        { from: 's3', to: 's5', kind: 'sequence' },
        { from: 's4', to: 's5', kind: 'sequence' },
      ],
      criticalPath: {
        stages: ['s1', 's3'],
        segments: [
          { stage: 's1', waitedMillis: 0, ranMillis: 1000 },
          { stage: 's3', waitedMillis: 0, ranMillis: 8000 },
        ],
        totalMillis: 9000,
        bottleneck: 's3',
      },
    },
  );

  it('makes a stage that ran others a group of them', () => {
    const model = graphModel(view);
    expect(model.nodes.filter((n) => n.group).map((n) => n.label)).toEqual(['checks']);
    expect(model.nodes.find((n) => n.label === 'unit')?.parent).toBe('s2');
  });

  it('marks the critical path, its edges and the bottleneck', () => {
    const model = graphModel(view);
    expect(model.nodes.filter((n) => n.critical).map((n) => n.label)).toEqual(['build', 'unit']);
    expect(model.nodes.find((n) => n.bottleneck)?.label).toBe('unit');
    expect(model.edges.filter((e) => e.critical)).toEqual([{ from: 's1', to: 's3', kind: 'sequence', critical: true }]);
  });

  it('shows status by icon and text as well as colour, and durations', () => {
    const model = graphModel(view);
    const deploy = model.nodes.find((n) => n.label === 'deploy')!;
    expect(deploy.look).toEqual({ label: 'waiting for approval', icon: '‖', cls: 'approval' });
    expect(model.nodes.find((n) => n.label === 'unit')?.duration).toBe('8.0 s');
  });

  it('keeps its shape while only states change, so the layout stays', () => {
    const later = { ...view, stages: view.stages.map((s) => ({ ...s, status: 'FAILED' as const })) };
    expect(graphModel(later).shape).toBe(graphModel(view).shape);
    const grown = { ...view, stages: [...view.stages, stage('s6', 'smoke')] };
    expect(graphModel(grown).shape).not.toBe(graphModel(view).shape);
  });
});

describe('stageSubtitle', () => {
  it('says who must approve and how many have', () => {
    const s = stage('s1', 'deploy', {
      status: 'WAITING_FOR_APPROVAL',
      waiting: {
        kind: 'approval',
        lock: null,
        holder: null,
        approvers: ['alice', 'bob'],
        quorum: 2,
        approvedBy: ['alice'],
        message: 'Ship?',
        input: 'deploy',
        until: null,
      },
    });
    expect(stageSubtitle(s, 0)).toBe('approval by alice, bob (1 of 2)');
  });

  it('names the lock and its holder, and the reason of a skip', () => {
    const lock = stage('s1', 'migrate', {
      status: 'WAITING_FOR_LOCK',
      waiting: { kind: 'lock', lock: 'db', holder: 'seed', approvers: [], quorum: 0, approvedBy: [], message: null, input: null, until: null },
    });
    expect(stageSubtitle(lock, 0)).toBe("waiting for lock 'db' held by seed");
    expect(stageSubtitle(stage('s2', 'publish', { status: 'SKIPPED', note: "when: condition was false" }), 0)).toBe(
      'when: condition was false',
    );
  });
});

describe('applyDelta', () => {
  it('replaces changed stages, appends new ones and keeps the edges unless sent', () => {
    const view = run([stage('s1', 'a', { status: 'RUNNING', endedAt: null })], {
      status: 'RUNNING',
      edges: [{ from: 's1', to: 's1', kind: 'sequence' }],
    });
    const next = applyDelta(view, {
      since: 1,
      run: { ...view, version: 3, status: 'SUCCESS' },
      stages: [stage('s1', 'a'), stage('s2', 'b')],
      criticalPath: view.criticalPath,
      approvals: [],
    });
    expect(next.version).toBe(3);
    expect(next.status).toBe('SUCCESS');
    expect(next.stages.map((s) => `${s.name}:${s.status}`)).toEqual(['a:SUCCEEDED', 'b:SUCCEEDED']);
    expect(next.edges).toBe(view.edges);
  });
});

describe('timelineModel', () => {
  it('draws waits apart from running time, from the run start, in order of start', () => {
    const view = run(
      [
        stage('s1', 'late', { startedAt: 6000, endedAt: 9000, spans: [{ kind: 'running', reason: null, attempt: 1, from: 6000, to: 9000 }] }),
        stage('s2', 'deploy', {
          startedAt: 2000,
          endedAt: 5000,
          waitedMillis: 1500,
          spans: [
            { kind: 'waiting', reason: 'approval', attempt: 1, from: 500, to: 2000 },
            { kind: 'running', reason: null, attempt: 1, from: 2000, to: 5000 },
          ],
        }),
      ],
      { criticalPath: { stages: ['s2', 's1'], segments: [], totalMillis: 9000, bottleneck: 's1' } },
    );
    const model = timelineModel(view);
    expect(model.rows.map((r) => r.label)).toEqual(['deploy', 'late']);
    expect(model.rows[0].bars).toEqual([
      { kind: 'waiting', reason: 'approval', from: 500, to: 2000 },
      { kind: 'running', reason: null, from: 2000, to: 5000 },
    ]);
    expect(model.rows.every((r) => r.critical)).toBe(true);
    expect(model.rows[1].bottleneck).toBe(true);
    expect(model.total).toBe(10_000);
  });

  it('leaves groups out: their stages have rows', () => {
    const view = run([stage('s1', 'checks'), stage('s2', 'unit', { parent: 's1' })]);
    expect(timelineModel(view).rows.map((r) => `${r.label}@${r.depth}`)).toEqual(['unit@1']);
  });
});

describe('criticalPathSummary', () => {
  it('names the path and the bottleneck with its share of the run', () => {
    const view = run([stage('s1', 'build'), stage('s2', 'test')], {
      criticalPath: {
        stages: ['s1', 's2'],
        segments: [
          { stage: 's1', waitedMillis: 0, ranMillis: 2000 },
          { stage: 's2', waitedMillis: 0, ranMillis: 6000 },
        ],
        totalMillis: 8000,
        bottleneck: 's2',
      },
    });
    expect(criticalPathSummary(view)).toEqual({ path: ['build', 'test'], total: '8.0 s', bottleneck: 'test (6.0 s, 75% of the run)' });
  });
});

describe('sections', () => {
  it('turns plain fields into a field table and a list of objects into a table', () => {
    const out = sections({
      target: 'web',
      version: '1.4.2',
      hosts: [
        { host: 'web1', status: 'deployed', millis: 1200 },
        { host: 'web2', status: 'failed', error: 'health check' },
      ],
    });
    expect(out).toEqual([
      { kind: 'fields', title: '', rows: [['target', 'web'], ['version', '1.4.2']] },
      {
        kind: 'table',
        title: 'hosts',
        columns: ['host', 'status', 'millis', 'error'],
        rows: [
          ['web1', 'deployed', '1200', ''],
          ['web2', 'failed', '', 'health check'],
        ],
      },
    ]);
  });

  it('titles nested objects by their path', () => {
    expect(sections({ recap: { web1: { ok: 3, changed: 1 } } })).toEqual([
      { kind: 'fields', title: 'recap.web1', rows: [['ok', '3'], ['changed', '1']] },
    ]);
  });
});

describe('automationSections', () => {
  const at = { line: 28, at: 0, error: null };
  const host = (name: string, more: object = {}) => ({
    host: name, previous: '1.0.1', version: '1.0.2', result: 'deployed', live: '1.0.2', time: '641ms', error: '', ...more,
  });

  it('shows a deploy as its hosts, each with the release it had and the one it has now', () => {
    const result = {
      version: '1.0.2', previousVersion: '1.0.1', target: 'fleet', result: 'SUCCESS', duration: '1.7s', durationMillis: 1735,
      hosts: [host('web1'), host('web2', { previous: '', version: '1.0.2' })],
    };
    expect(automationSections({ step: 'deploy', result, ...at })).toEqual([
      { kind: 'fields', title: '', rows: [['target', 'fleet'], ['release', '1.0.1 → 1.0.2'], ['result', 'SUCCESS'], ['duration', '1.7s']] },
      {
        kind: 'table',
        title: 'hosts',
        columns: ['host', 'release', 'result', 'live', 'time'],
        rows: [
          ['web1', '1.0.1 → 1.0.2', 'deployed', '1.0.2', '641ms'],
          ['web2', '1.0.2', 'deployed', '1.0.2', '641ms'],
        ],
      },
    ]);
  });

  it('adds the error column when a host failed', () => {
    const result = {
      version: '1.0.3', previousVersion: '1.0.2', target: 'fleet', result: 'FAILURE', duration: '3s', durationMillis: 3000,
      hosts: [host('web1', { result: 'rolled back', live: '1.0.2' }), host('web2', { result: 'failed', live: '1.0.2', error: 'unhealthy' })],
    };
    const table = automationSections({ step: 'deploy', result, ...at })[1];
    expect(table).toMatchObject({ columns: ['host', 'release', 'result', 'live', 'time', 'error'] });
    expect(table.rows[1]).toEqual(['web2', '1.0.1 → 1.0.2', 'failed', '1.0.2', '641ms', 'unhealthy']);
  });

  it('shows the notifications sent, a row per channel', () => {
    const result = { sent: 1, ok: true, channels: [{ channel: 'releases', kind: 'outbox', status: 'sent', attempts: 1, detail: 'target/outbox/0001-releases.json' }] };
    expect(automationSections({ step: 'notify', result, ...at })).toEqual([
      {
        kind: 'table',
        title: 'notifications',
        columns: ['channel', 'kind', 'status', 'attempts', 'detail'],
        rows: [['releases', 'outbox', 'sent', '1', 'target/outbox/0001-releases.json']],
      },
    ]);
  });

  it('shows a provision recap as fields, and nothing for a step that failed', () => {
    const recap = { changed: true, hosts: 1, ok: 5, changes: 3, failed: 0 };
    expect(automationSections({ step: 'provision', result: recap, ...at })).toEqual([
      { kind: 'fields', title: '', rows: [['changed', 'true'], ['hosts', '1'], ['ok', '5'], ['changes', '3'], ['failed', '0']] },
    ]);
    expect(automationSections({ step: 'deploy', ...at, result: null, error: 'no such target' })).toEqual([]);
  });
});

describe('approvals', () => {
  it('puts pending ones first and knows who may answer', () => {
    const done = approval({ id: 'a', status: 'APPROVED', requestedAt: 9 });
    const open = approval({ id: 'b', requestedAt: 1 });
    expect(orderedApprovals([done, open]).map((a) => a.id)).toEqual(['b', 'a']);
    expect(mayApprove(open, 'alice')).toBe(true);
    expect(mayApprove(open, 'mallory')).toBe(false);
    expect(mayApprove(approval({ approvers: [] }), 'anyone')).toBe(true);
  });
});
