import { describe, expect, it } from 'vitest';
import { microBatch, type BatchResults } from '../../src/jobs/micro-batch.ts';

const ok = (value: string): PromiseSettledResult<string> => ({ status: 'fulfilled', value });
const failed = (reason: unknown): PromiseSettledResult<string> => ({ status: 'rejected', reason });

describe('microBatch', () => {
  it('runs calls that arrive together as one batch and gives each caller its own outcome', async () => {
    const batches: number[][] = [];
    const run = microBatch(async (keys: number[]) => {
      batches.push(keys);
      return new Map(keys.map((k) => [k, k === 3 ? failed(new Error('three failed')) : ok(`v${k}`)])) as BatchResults<number, string>;
    }, { maxSize: 10, maxWaitMs: 20 });
    const outcomes = await Promise.allSettled([1, 2, 3, 4].map((k) => run(k)));
    expect(batches).toEqual([[1, 2, 3, 4]]);
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message))).toEqual(['v1', 'v2', 'three failed', 'v4']);
  });

  it('starts a batch as soon as it is full, and the rest after the wait', async () => {
    const batches: number[][] = [];
    const run = microBatch(async (keys: number[]) => {
      batches.push(keys);
      return new Map(keys.map((k) => [k, ok(String(k))]));
    }, { maxSize: 3, maxWaitMs: 30 });
    const pending = [1, 2, 3, 4, 5].map((k) => run(k));
    expect(batches).toEqual([[1, 2, 3]]); // full: run at once, before any timer
    expect(await Promise.all(pending)).toEqual(['1', '2', '3', '4', '5']);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('runs a key asked for twice once, answering both; a key the batch left out and a failed batch reject', async () => {
    const batches: string[][] = [];
    const run = microBatch(async (keys: string[]) => {
      batches.push(keys);
      if (keys.includes('boom')) throw new Error('database down');
      return new Map(keys.filter((k) => k !== 'lost').map((k) => [k, ok(k.toUpperCase())]));
    }, { maxSize: 10, maxWaitMs: 5 });
    const [a1, a2, lost] = await Promise.allSettled([run('a'), run('a'), run('lost')]);
    expect(batches).toEqual([['a', 'lost']]);
    expect([a1, a2]).toEqual([{ status: 'fulfilled', value: 'A' }, { status: 'fulfilled', value: 'A' }]);
    expect((lost as PromiseRejectedResult).reason.message).toMatch(/no outcome for lost/);
    const both = await Promise.allSettled([run('boom'), run('b')]);
    expect(both.map((o) => (o as PromiseRejectedResult).reason.message)).toEqual(['database down', 'database down']);
  });
});
