import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { poll, readHost } from './host';

describe('readHost', () => {
  it('keeps the runner as it was: endpoints under api/, the run from the address, events, the token', () => {
    const host = readHost({}, {}, 'tok', true);

    expect(host.api).toBe('api/');
    expect(host.run).toBeNull();
    expect(host.runLink(3)).toBe('runs/3');
    expect(host.runsLink).toBe('./');
    expect(host.live).toBe('events');
    expect(host.user).toBeNull();
    expect(host.headers).toEqual({ 'X-Orchestra-Token': 'tok' });
  });

  it('takes what the Jenkins page says, and sends its crumb with answers', () => {
    const host = readHost(
      {
        api: '/jenkins/job/app/7/orchestration/api/',
        run: '7',
        runLink: '/jenkins/job/app/{run}/orchestration/',
        runsLink: '/jenkins/job/app/7/orchestration/runs',
        live: 'poll',
        pollMillis: '3000',
        user: 'alice',
      },
      { crumbHeader: 'Jenkins-Crumb', crumbValue: 'c0ffee' },
      '',
      true,
    );

    expect(host.api).toBe('/jenkins/job/app/7/orchestration/api/');
    expect(host.run).toBe(7);
    expect(host.runLink(12)).toBe('/jenkins/job/app/12/orchestration/');
    expect(host.live).toBe('poll');
    expect(host.pollMillis).toBe(3000);
    expect(host.user).toBe('alice');
    expect(host.headers).toEqual({ 'Jenkins-Crumb': 'c0ffee' });
  });

  it('polls every 2 s when the browser has no EventSource or the interval is not sensible', () => {
    const host = readHost({ pollMillis: '10', run: 'x' }, {}, '', false);

    expect(host.live).toBe('poll');
    expect(host.pollMillis).toBe(2000);
    expect(host.run).toBeNull();
  });
});

describe('poll', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks one request at a time, at the interval, until told to stop', async () => {
    let open = 0;
    let most = 0;
    const seen: number[] = [];
    let n = 0;
    const fetch = () => {
      open++;
      most = Math.max(most, open);
      return new Promise<number>((resolve) =>
        setTimeout(() => {
          open--;
          resolve(++n);
        }, 5000),
      );
    };

    poll(fetch, (v) => {
      seen.push(v);
      return v < 3;
    }, 2000);
    await vi.advanceTimersByTimeAsync(60000);

    expect(seen).toEqual([1, 2, 3]);
    expect(most).toBe(1);
  });

  it('waits twice as long after each failure, up to 30 s, and tells of it', async () => {
    const asked: number[] = [];
    const failures: unknown[] = [];
    poll(
      () => {
        asked.push(Date.now());
        return Promise.reject(new Error('down'));
      },
      () => true,
      2000,
      (e) => failures.push(e),
    );
    await vi.advanceTimersByTimeAsync(2000 + 4000 + 8000 + 16000 + 30000 + 30000);

    const gaps = asked.slice(1).map((t, i) => t - asked[i]);
    expect(gaps).toEqual([4000, 8000, 16000, 30000, 30000]);
    expect(failures).toHaveLength(6);
  });

  it('stops when closed, even with a request under way', async () => {
    const seen: number[] = [];
    const follower = poll(
      () => new Promise<number>((resolve) => setTimeout(() => resolve(1), 1000)),
      (v) => {
        seen.push(v);
        return true;
      },
      2000,
    );
    await vi.advanceTimersByTimeAsync(2500);
    follower.close();
    await vi.advanceTimersByTimeAsync(20000);

    expect(seen).toEqual([]);
  });
});
