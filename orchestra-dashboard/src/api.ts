// The server's endpoints (openapi.yaml), under the host's API prefix (host.ts).
import { type Follower, host, poll, type Timers } from './host';
import type { Delta, LogChunk, RunSummary, RunView } from './types';

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const body = await response.json();
      if (body && body.error) message = body.error;
    } catch {
      // not JSON
    }
    throw new Error(message);
  }
  return (await response.json()) as T;
}

function url(path: string): string {
  return host().api + path;
}

export async function runs(): Promise<RunSummary[]> {
  return (await json<{ runs: RunSummary[] }>(await fetch(url('runs')))).runs;
}

export async function run(number: number): Promise<RunView> {
  return json<RunView>(await fetch(url(`runs/${number}`)));
}

export async function changes(number: number, since: number): Promise<Delta> {
  return json<Delta>(await fetch(url(`runs/${number}/changes?since=${since}`)));
}

export async function logTail(number: number, stage: string, bytes = 65536): Promise<LogChunk> {
  return json<LogChunk>(await fetch(url(`runs/${number}/stages/${encodeURIComponent(stage)}/log?tail=${bytes}`)));
}

export async function logFrom(number: number, stage: string, offset: number): Promise<LogChunk> {
  return json<LogChunk>(await fetch(url(`runs/${number}/stages/${encodeURIComponent(stage)}/log?offset=${offset}`)));
}

/**
 * Live updates of a run: deltas since `since`; `onEnd` when the run finished. Server-sent events where the host has
 * them, else the changes since the page's version every few seconds; after a failed poll (the server restarted, say)
 * the next asks for everything again.
 */
export function follow(number: number, since: number, onDelta: (d: Delta) => void, onEnd: () => void): Follower {
  if (host().live === 'events') {
    const source = new EventSource(url(`runs/${number}/events?since=${since}`));
    source.addEventListener('delta', (e) => onDelta(JSON.parse((e as MessageEvent).data) as Delta));
    source.addEventListener('end', () => {
      source.close();
      onEnd();
    });
    return source;
  }
  return pollChanges((v) => changes(number, v), since, onDelta, onEnd, host().pollMillis);
}

/**
 * Polls `changesSince` from version `since`: hands on each delta that brings something new, follows its version, and
 * ends with the run. After a failure it asks for everything (version 0), which a server that restarted can answer.
 */
export function pollChanges(
  changesSince: (version: number) => Promise<Delta>,
  since: number,
  onDelta: (d: Delta) => void,
  onEnd: () => void,
  every: number,
  timers?: Timers,
): Follower {
  let version = since;
  return poll(
    () => changesSince(version),
    (delta) => {
      if (delta.run.version !== version || delta.since === 0) onDelta(delta);
      version = delta.run.version;
      if (delta.run.status !== 'RUNNING') {
        onEnd();
        return false;
      }
      return true;
    },
    every,
    () => {
      version = 0;
    },
    timers,
  );
}

/** A stage's log as it grows, from `offset`, until closed. */
export function followLog(number: number, stage: string, offset: number, onChunk: (c: LogChunk) => void): Follower {
  if (host().live === 'events') {
    const source = new EventSource(url(`runs/${number}/stages/${encodeURIComponent(stage)}/log/events?offset=${offset}`));
    source.addEventListener('log', (e) => onChunk(JSON.parse((e as MessageEvent).data) as LogChunk));
    source.addEventListener('end', () => source.close());
    return source;
  }
  let next = offset;
  return poll(
    () => logFrom(number, stage, next),
    (chunk) => {
      if (chunk.next > next) {
        next = chunk.next;
        onChunk(chunk);
      }
      return true;
    },
    host().pollMillis,
  );
}

export async function answer(number: number, input: string, approve: boolean, by: string, comment: string): Promise<void> {
  await json<unknown>(
    await fetch(url(`runs/${number}/inputs/${encodeURIComponent(input)}`), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...host().headers },
      body: JSON.stringify({ approve, by, comment }),
    }),
  );
}
