import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollChanges } from './api';
import type { Delta } from './types';

function delta(since: number, version: number, status: Delta['run']['status'] = 'RUNNING'): Delta {
  return {
    since,
    run: {
      schema: 1,
      number: 7,
      title: 'app',
      trigger: '',
      status,
      startedAt: 0,
      endedAt: null,
      durationMillis: 0,
      now: 0,
      version,
      params: {},
    },
    stages: [],
    criticalPath: { stages: [], segments: [], totalMillis: 0, bottleneck: null },
    approvals: [],
  };
}

describe('pollChanges', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('asks for the changes since the version it has, passes on the new ones, and stops when the run ended', async () => {
    const answers = [delta(4, 4), delta(4, 9), delta(9, 12, 'SUCCESS')];
    const asked: number[] = [];
    const got: number[] = [];
    let ended = false;

    pollChanges(
      (v) => {
        asked.push(v);
        return Promise.resolve(answers.shift() ?? delta(v, v, 'SUCCESS'));
      },
      4,
      (d) => got.push(d.run.version),
      () => {
        ended = true;
      },
      2000,
    );
    await vi.advanceTimersByTimeAsync(20000);

    expect(asked).toEqual([4, 4, 9]);
    expect(got).toEqual([9, 12]);
    expect(ended).toBe(true);
  });

  it('asks for everything after a failed poll, as a server that restarted can answer', async () => {
    const asked: number[] = [];
    let calls = 0;
    pollChanges(
      (v) => {
        asked.push(v);
        calls++;
        return calls === 2 ? Promise.reject(new Error('503')) : Promise.resolve(delta(v, v === 0 ? 3 : 6));
      },
      6,
      () => {},
      () => {},
      2000,
    );
    await vi.advanceTimersByTimeAsync(2000 + 2000 + 4000 + 2000);

    expect(asked).toEqual([6, 6, 0, 3]);
  });
});
