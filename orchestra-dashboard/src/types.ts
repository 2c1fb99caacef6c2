// The JSON contract of openapi.yaml, as TypeScript types. Times are epoch milliseconds.

export type StageStatus =
  | 'PENDING' | 'QUEUED' | 'WAITING_FOR_LOCK' | 'WAITING_FOR_APPROVAL' | 'RUNNING' | 'RETRY_WAIT'
  | 'SUCCEEDED' | 'UNSTABLE' | 'FAILED' | 'ABORTED' | 'SKIPPED';

export type RunStatus = 'RUNNING' | 'SUCCESS' | 'UNSTABLE' | 'FAILURE' | 'ABORTED' | 'NOT_BUILT';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Waiting {
  kind: 'queue' | 'lock' | 'approval' | 'retry';
  lock: string | null;
  holder: string | null;
  approvers: string[];
  quorum: number;
  approvedBy: string[];
  message: string | null;
  input: string | null;
  until: number | null;
}

export interface Span {
  kind: 'waiting' | 'running';
  reason: 'queue' | 'lock' | 'approval' | 'retry' | null;
  attempt: number;
  from: number;
  to: number | null;
}

export interface Automation {
  step: string;
  line: number;
  at: number;
  result: Json;
  error: string | null;
}

export interface Stage {
  id: string;
  name: string;
  kind: 'stage' | 'branch';
  parent: string | null;
  status: StageStatus;
  orchestrated: boolean;
  attempts: number;
  readyAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  durationMillis: number | null;
  waitedMillis: number;
  note: string | null;
  waiting: Waiting | null;
  spans: Span[];
  outputs: { [key: string]: Json };
  automation: Automation[];
  rollback: 'NONE' | 'RUNNING' | 'ROLLED_BACK' | 'ROLLBACK_FAILED';
}

export interface Edge {
  from: string;
  to: string;
  kind: 'sequence' | 'needs' | 'finally';
}

export interface CriticalPath {
  stages: string[];
  segments: { stage: string; waitedMillis: number; ranMillis: number }[];
  totalMillis: number;
  bottleneck: string | null;
}

export interface Decision {
  by: string;
  approved: boolean;
  comment: string;
  at: number;
}

export interface Approval {
  id: string;
  stage: string | null;
  message: string;
  approvers: string[];
  quorum: number;
  status: 'PENDING' | 'APPROVED' | 'REJECTED' | 'TIMED_OUT' | 'CANCELLED';
  requestedAt: number;
  decisions: Decision[];
}

export interface RunHeader {
  schema: number;
  number: number;
  title: string;
  trigger: string;
  status: RunStatus;
  startedAt: number | null;
  endedAt: number | null;
  durationMillis: number;
  now: number;
  version: number;
  params: { [key: string]: string };
  /** What automation steps outside every stage reported (a post section's notifications); absent in older runs. */
  automation?: Automation[];
}

export interface RunView extends RunHeader {
  stages: Stage[];
  edges: Edge[];
  criticalPath: CriticalPath;
  approvals: Approval[];
}

export interface Delta {
  since: number;
  run: RunHeader;
  stages: Stage[];
  edges?: Edge[];
  criticalPath: CriticalPath;
  approvals: Approval[];
}

export interface RunSummary {
  number: number;
  title: string;
  status: RunStatus | 'UNFINISHED';
  startedAt: number | null;
  endedAt: number | null;
  durationMillis: number | null;
  trigger: string;
  live: boolean;
}

export interface LogChunk {
  stage: string;
  offset: number;
  next: number;
  size: number;
  text: string;
}
