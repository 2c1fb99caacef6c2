// Model-to-view logic: pure functions from RunView JSON to what the views draw. Tested in model.test.ts.
import type { Approval, Automation, Delta, Json, RunStatus, RunView, Stage, StageStatus } from './types';

export interface StatusLook {
  label: string;
  icon: string;
  cls: string;
}

export const STAGE_STATUS: Record<StageStatus, StatusLook> = {
  PENDING: { label: 'pending', icon: '○', cls: 'pending' },
  QUEUED: { label: 'queued', icon: '◔', cls: 'waiting' },
  WAITING_FOR_LOCK: { label: 'waiting for lock', icon: '⊘', cls: 'waiting' },
  WAITING_FOR_APPROVAL: { label: 'waiting for approval', icon: '‖', cls: 'approval' },
  RUNNING: { label: 'running', icon: '▶', cls: 'running' },
  RETRY_WAIT: { label: 'retrying', icon: '↻', cls: 'waiting' },
  SUCCEEDED: { label: 'succeeded', icon: '✔', cls: 'succeeded' },
  UNSTABLE: { label: 'unstable', icon: '!', cls: 'unstable' },
  FAILED: { label: 'failed', icon: '✘', cls: 'failed' },
  ABORTED: { label: 'aborted', icon: '■', cls: 'aborted' },
  SKIPPED: { label: 'skipped', icon: '»', cls: 'skipped' },
};

export const RUN_STATUS: Record<RunStatus | 'UNFINISHED', StatusLook> = {
  RUNNING: { label: 'running', icon: '▶', cls: 'running' },
  SUCCESS: { label: 'success', icon: '✔', cls: 'succeeded' },
  UNSTABLE: { label: 'unstable', icon: '!', cls: 'unstable' },
  FAILURE: { label: 'failure', icon: '✘', cls: 'failed' },
  ABORTED: { label: 'aborted', icon: '■', cls: 'aborted' },
  NOT_BUILT: { label: 'not built', icon: '»', cls: 'skipped' },
  UNFINISHED: { label: 'unfinished', icon: '?', cls: 'aborted' },
};

export function isTerminal(s: StageStatus): boolean {
  return s === 'SUCCEEDED' || s === 'UNSTABLE' || s === 'FAILED' || s === 'ABORTED' || s === 'SKIPPED';
}

/** 850 ms, 12.3 s, 4m 05s, 1h 02m. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(Math.floor(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** How long a stage has run so far, at the server's clock {@code now}. */
export function stageDuration(s: Stage, now: number): number | null {
  if (s.startedAt === null) return null;
  return (s.endedAt ?? now) - s.startedAt;
}

/** Folds a delta from the server's event stream into the view it was computed against. */
export function applyDelta(view: RunView, delta: Delta): RunView {
  const index = new Map(view.stages.map((s, i) => [s.id, i]));
  const stages = view.stages.slice();
  for (const s of delta.stages) {
    const i = index.get(s.id);
    if (i === undefined) {
      index.set(s.id, stages.length);
      stages.push(s);
    } else {
      stages[i] = s;
    }
  }
  return {
    ...view,
    ...delta.run,
    stages,
    edges: delta.edges ?? view.edges,
    criticalPath: delta.criticalPath,
    approvals: delta.approvals,
  };
}

/** The line under a stage's name: what it waits for, why it was skipped or failed. */
export function stageSubtitle(s: Stage, now: number): string {
  const w = s.waiting;
  if (w) {
    switch (w.kind) {
      case 'approval': {
        const who = w.approvers.length ? w.approvers.join(', ') : 'anyone';
        const count = w.quorum > 1 ? ` (${w.approvedBy.length} of ${w.quorum})` : '';
        return `approval by ${who}${count}`;
      }
      case 'lock':
        return `waiting for lock '${w.lock}'${w.holder ? ` held by ${w.holder}` : ''}`;
      case 'retry':
        return w.until !== null ? `retry in ${formatDuration(Math.max(0, w.until - now))}` : 'waiting to retry';
      case 'queue':
        return 'queued for a free slot';
    }
  }
  if (s.status === 'SKIPPED') return s.note ? s.note : 'skipped';
  if ((s.status === 'FAILED' || s.status === 'ABORTED' || s.status === 'UNSTABLE') && s.note) return s.note;
  if (s.attempts > 1) return `attempt ${s.attempts}`;
  return '';
}

export interface GraphNode {
  id: string;
  label: string;
  status: StageStatus;
  look: StatusLook;
  duration: string;
  subtitle: string;
  parent: string | null;
  group: boolean;
  critical: boolean;
  bottleneck: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: string;
  critical: boolean;
}

export interface GraphModel {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** A key that changes when the layout must: stages added, moved between groups, or edges changed. */
  shape: string;
}

/** Stages as nodes (a stage that ran others is a group of them), edges, the critical path marked. */
export function graphModel(view: RunView): GraphModel {
  const parents = new Set<string>();
  for (const s of view.stages) if (s.parent) parents.add(s.parent);
  const path = view.criticalPath.stages;
  const onPath = new Set(path);
  const pathEdges = new Set<string>();
  for (let i = 1; i < path.length; i++) pathEdges.add(`${path[i - 1]}>${path[i]}`);
  const nodes = view.stages.map((s) => ({
    id: s.id,
    label: s.name,
    status: s.status,
    look: STAGE_STATUS[s.status],
    duration: formatDuration(stageDuration(s, view.now)),
    subtitle: stageSubtitle(s, view.now),
    parent: s.parent,
    group: parents.has(s.id),
    critical: onPath.has(s.id),
    bottleneck: view.criticalPath.bottleneck === s.id,
  }));
  const edges = view.edges.map((e) => ({ ...e, critical: pathEdges.has(`${e.from}>${e.to}`) }));
  const shape = `${view.stages.length}:${view.stages.map((s) => s.parent ?? '').join(',')}:${view.edges.length}`;
  return { nodes, edges, shape };
}

export interface Bar {
  kind: 'waiting' | 'running';
  reason: string | null;
  /** Offsets from the run's start, in milliseconds. */
  from: number;
  to: number;
}

export interface TimelineRow {
  id: string;
  label: string;
  depth: number;
  status: StageStatus;
  look: StatusLook;
  bars: Bar[];
  waited: number;
  ran: number | null;
  critical: boolean;
  bottleneck: boolean;
}

export interface TimelineModel {
  rows: TimelineRow[];
  /** The run's span in milliseconds, at least 1. */
  total: number;
}

/**
 * A Gantt chart of the run: one row per stage that ran nothing else, in order of start (stages that never started
 * last), each with its waits (queued, lock, approval, retry) and its attempts; the critical path marked.
 */
export function timelineModel(view: RunView): TimelineModel {
  const start = view.startedAt ?? Math.min(...view.stages.map((s) => s.startedAt ?? Infinity), view.now);
  const end = view.endedAt ?? view.now;
  const parents = new Set<string>();
  for (const s of view.stages) if (s.parent) parents.add(s.parent);
  const byId = new Map(view.stages.map((s) => [s.id, s]));
  const depth = (s: Stage): number => {
    let d = 0;
    for (let p = s.parent; p; p = byId.get(p)?.parent ?? null) d++;
    return d;
  };
  const onPath = new Set(view.criticalPath.stages);
  const rows: TimelineRow[] = [];
  for (const s of view.stages) {
    if (parents.has(s.id)) continue;
    const bars: Bar[] = s.spans.map((sp) => ({
      kind: sp.kind,
      reason: sp.reason,
      from: sp.from - start,
      to: (sp.to ?? end) - start,
    }));
    if (bars.length === 0 && s.startedAt !== null) {
      bars.push({ kind: 'running', reason: null, from: s.startedAt - start, to: (s.endedAt ?? end) - start });
    }
    rows.push({
      id: s.id,
      label: s.name,
      depth: depth(s),
      status: s.status,
      look: STAGE_STATUS[s.status],
      bars,
      waited: s.waitedMillis,
      ran: stageDuration(s, view.now),
      critical: onPath.has(s.id),
      bottleneck: view.criticalPath.bottleneck === s.id,
    });
  }
  const first = (r: TimelineRow) => (r.bars.length ? r.bars[0].from : Infinity);
  rows.sort((a, b) => first(a) - first(b));
  const total = Math.max(1, end - start, ...rows.flatMap((r) => r.bars.map((b) => b.to)));
  return { rows, total };
}

/** "Critical path: a → b → c (1m 02s). Bottleneck: b (40 s, 65% of the run)" as parts a page can style. */
export function criticalPathSummary(view: RunView): { path: string[]; total: string; bottleneck: string | null } {
  const byId = new Map(view.stages.map((s) => [s.id, s]));
  const cp = view.criticalPath;
  const path = cp.stages.map((id) => byId.get(id)?.name ?? id);
  let bottleneck: string | null = null;
  if (cp.bottleneck) {
    const seg = cp.segments.find((s) => s.stage === cp.bottleneck);
    const ran = seg ? seg.ranMillis : 0;
    const share = cp.totalMillis > 0 ? Math.round((100 * ran) / cp.totalMillis) : 100;
    bottleneck = `${byId.get(cp.bottleneck)?.name ?? cp.bottleneck} (${formatDuration(ran)}, ${share}% of the run)`;
  }
  return { path, total: formatDuration(cp.totalMillis), bottleneck };
}

export type Section =
  | { kind: 'fields'; title: string; rows: [string, string][] }
  | { kind: 'table'; title: string; columns: string[]; rows: string[][] };

function scalar(v: Json): string {
  if (v === null) return '—';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function isScalar(v: Json): boolean {
  return v === null || typeof v !== 'object';
}

/**
 * Generic tables from structured outputs: an object's plain fields as one table of fields, each list of objects as a
 * table with a column per key (a deploy's hosts, a provision's recap, the notifications sent), nested objects as
 * sections of their own, titled by their path.
 */
export function sections(value: Json, title = ''): Section[] {
  const out: Section[] = [];
  if (value === null || typeof value !== 'object') {
    if (value !== null) out.push({ kind: 'fields', title, rows: [['value', scalar(value)]] });
    return out;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return out;
    if (value.every((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) {
      const columns: string[] = [];
      for (const row of value as { [k: string]: Json }[]) {
        for (const k of Object.keys(row)) if (!columns.includes(k)) columns.push(k);
      }
      const rows = (value as { [k: string]: Json }[]).map((row) => columns.map((c) => (c in row ? scalar(row[c]) : '')));
      out.push({ kind: 'table', title, columns, rows });
    } else {
      out.push({ kind: 'table', title, columns: ['value'], rows: value.map((v) => [scalar(v)]) });
    }
    return out;
  }
  const fields: [string, string][] = [];
  const nested: Section[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = title ? `${title}.${k}` : k;
    if (isScalar(v) || (Array.isArray(v) && v.every(isScalar) && v.length <= 8)) {
      fields.push([k, Array.isArray(v) ? v.map(scalar).join(', ') : scalar(v)]);
    } else {
      nested.push(...sections(v, path));
    }
  }
  if (fields.length) out.push({ kind: 'fields', title, rows: fields });
  return out.concat(nested);
}

type JsonObject = { [k: string]: Json };

function isObject(v: Json | undefined): v is JsonObject {
  return v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
}

function text(v: Json | undefined): string {
  return v === undefined || v === '' ? '' : scalar(v);
}

/**
 * What an automation step returned, as tables: a deploy's hosts with the release each had and has now (`1.0.1 →
 * 1.0.2`), its result and error; the notifications sent, a row per channel; anything else (a provision's recap, a
 * result of another shape) as {@link sections}.
 */
export function automationSections(a: Automation): Section[] {
  const r = a.result;
  if (a.step === 'deploy' && isObject(r) && Array.isArray(r.hosts)) {
    const fields: [string, string][] = [
      ['target', text(r.target)],
      ['release', r.previousVersion ? `${text(r.previousVersion)} → ${text(r.version)}` : text(r.version)],
      ['result', text(r.result)],
      ['duration', text(r.duration)],
    ];
    const hosts = r.hosts.filter(isObject);
    const hasError = hosts.some((h) => text(h.error) !== '');
    const columns = ['host', 'release', 'result', 'live', 'time', ...(hasError ? ['error'] : [])];
    const rows = hosts.map((h) => [
      text(h.host),
      h.previous && h.previous !== h.version ? `${text(h.previous)} → ${text(h.version)}` : text(h.version),
      text(h.result),
      text(h.live),
      text(h.time),
      ...(hasError ? [text(h.error)] : []),
    ]);
    return [
      { kind: 'fields', title: '', rows: fields.filter(([, v]) => v !== '') },
      { kind: 'table', title: 'hosts', columns, rows },
    ];
  }
  if (a.step === 'notify' && isObject(r) && Array.isArray(r.channels)) {
    const rows = r.channels
      .filter(isObject)
      .map((c) => [text(c.channel), text(c.kind), text(c.status), text(c.attempts), text(c.detail)]);
    return [{ kind: 'table', title: 'notifications', columns: ['channel', 'kind', 'status', 'attempts', 'detail'], rows }];
  }
  return r === null ? [] : sections(r);
}

/** Pending approvals first, newest first within each kind. */
export function orderedApprovals(approvals: Approval[]): Approval[] {
  return approvals
    .slice()
    .sort((a, b) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING') || b.requestedAt - a.requestedAt);
}

/** Whether {@code name} may answer {@code approval}: anyone, when it names no approvers. */
export function mayApprove(approval: Approval, name: string): boolean {
  return approval.approvers.length === 0 || approval.approvers.includes(name.trim());
}
