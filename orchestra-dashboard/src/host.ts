// What the host that serves the page says about it. The runner serves the page at its root with the run's token in a
// <meta>; the Jenkins plugin embeds it in a build's page, says where the endpoints are in data attributes of #app, and
// has no server-sent events, so the page polls. Tested in host.test.ts.

export interface Host {
  /** Prefix of the JSON endpoints: `${api}runs/1`. */
  api: string;
  /** The run the page shows, or null when its address says (runner: /runs/{n}). */
  run: number | null;
  /** The page of run n. */
  runLink: (n: number) => string;
  /** The page of the runs. */
  runsLink: string;
  /** How the page follows a running run: server-sent events, or polling the changes since its version. */
  live: 'events' | 'poll';
  pollMillis: number;
  /** Who answers approvals, when the host knows (Jenkins: the signed-in user); then the form asks no name. */
  user: string | null;
  /** Sent with every answer: the runner's token, or Jenkins' crumb. */
  headers: Record<string, string>;
}

type Data = Record<string, string | undefined>;

/**
 * The host from #app's data attributes (`data-api`, `data-run`, `data-run-link` with `{run}`, `data-runs-link`,
 * `data-live`, `data-poll-millis`, `data-user`), the page head's (Jenkins' `data-crumb-header`, `data-crumb-value`), the
 * runner's token, and whether the browser has EventSource.
 */
export function readHost(app: Data, head: Data, token: string, hasEventSource: boolean): Host {
  const run = app.run && /^\d+$/.test(app.run) ? Number(app.run) : null;
  const template = app.runLink;
  const poll = Number(app.pollMillis);
  const headers: Record<string, string> = {};
  if (token) headers['X-Orchestra-Token'] = token;
  if (head.crumbHeader && head.crumbValue) headers[head.crumbHeader] = head.crumbValue;
  return {
    api: app.api ?? 'api/',
    run,
    runLink: template ? (n) => template.replace('{run}', String(n)) : (n) => `runs/${n}`,
    runsLink: app.runsLink ?? './',
    live: app.live === 'poll' || !hasEventSource ? 'poll' : 'events',
    pollMillis: Number.isFinite(poll) && poll >= 500 ? poll : 2000,
    user: app.user ? app.user : null,
    headers,
  };
}

let current: Host | null = null;

/** The host of this page, read once. */
export function host(): Host {
  if (current === null) {
    const app = document.getElementById('app');
    const token = document.querySelector('meta[name="orchestra-token"]')?.getAttribute('content') ?? '';
    current = readHost(app ? { ...app.dataset } : {}, { ...document.head.dataset }, token, typeof EventSource !== 'undefined');
  }
  return current;
}

/** Something that follows a run or a log until closed. */
export interface Follower {
  close(): void;
}

export interface Timers {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/**
 * Asks `fetch` every `every` ms, one request at a time (never a second while one is open), and hands each answer to
 * `take` until it returns false or the follower is closed. A failed request is told to `failed` and asked again after
 * twice the wait, up to 30 s; a success brings the wait back.
 */
export function poll<T>(
  fetch: () => Promise<T>,
  take: (value: T) => boolean,
  every: number,
  failed: (e: unknown) => void = () => {},
  timers: Timers = realTimers,
): Follower {
  let closed = false;
  let timer: unknown = null;
  let wait = every;
  const tick = async () => {
    timer = null;
    let more = true;
    try {
      const value = await fetch();
      if (closed) return;
      wait = every;
      more = take(value);
    } catch (e) {
      if (closed) return;
      failed(e);
      wait = Math.min(wait * 2, 30000);
    }
    if (more && !closed) timer = timers.setTimeout(() => void tick(), wait);
  };
  timer = timers.setTimeout(() => void tick(), every);
  return {
    close() {
      closed = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
