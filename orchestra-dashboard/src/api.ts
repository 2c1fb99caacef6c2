// The server's endpoints (openapi.yaml). URLs are relative to the page's <base href>.
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

export async function runs(): Promise<RunSummary[]> {
  return (await json<{ runs: RunSummary[] }>(await fetch('api/runs'))).runs;
}

export async function run(number: number): Promise<RunView> {
  return json<RunView>(await fetch(`api/runs/${number}`));
}

export async function logTail(number: number, stage: string, bytes = 65536): Promise<LogChunk> {
  return json<LogChunk>(await fetch(`api/runs/${number}/stages/${encodeURIComponent(stage)}/log?tail=${bytes}`));
}

export async function logFrom(number: number, stage: string, offset: number): Promise<LogChunk> {
  return json<LogChunk>(await fetch(`api/runs/${number}/stages/${encodeURIComponent(stage)}/log?offset=${offset}`));
}

/** Live updates of a run: deltas since {@code since}; {@code onEnd} when the run finished. */
export function follow(number: number, since: number, onDelta: (d: Delta) => void, onEnd: () => void): EventSource {
  const source = new EventSource(`api/runs/${number}/events?since=${since}`);
  source.addEventListener('delta', (e) => onDelta(JSON.parse((e as MessageEvent).data) as Delta));
  source.addEventListener('end', () => {
    source.close();
    onEnd();
  });
  return source;
}

/** A stage's log as it grows, from {@code offset}. */
export function followLog(number: number, stage: string, offset: number, onChunk: (c: LogChunk) => void): EventSource {
  const source = new EventSource(`api/runs/${number}/stages/${encodeURIComponent(stage)}/log/events?offset=${offset}`);
  source.addEventListener('log', (e) => onChunk(JSON.parse((e as MessageEvent).data) as LogChunk));
  source.addEventListener('end', () => source.close());
  return source;
}

export function token(): string {
  return document.querySelector('meta[name="orchestra-token"]')?.getAttribute('content') ?? '';
}

export async function answer(number: number, input: string, approve: boolean, by: string, comment: string): Promise<void> {
  await json<unknown>(
    await fetch(`api/runs/${number}/inputs/${encodeURIComponent(input)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Orchestra-Token': token() },
      body: JSON.stringify({ approve, by, comment }),
    }),
  );
}
