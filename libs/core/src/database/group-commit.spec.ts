import { GroupCommit } from './group-commit';

describe('GroupCommit', () => {
  it('handles calls of the same turn in one batch, in order', async () => {
    const batches: number[][] = [];
    const doubler = new GroupCommit<number, number>(async (inputs) => {
      batches.push(inputs);
      return inputs.map((n) => n * 2);
    });
    const results = await Promise.all([1, 2, 3].map((n) => doubler.submit(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('collects calls made during a flush into the next one, started only after they were made', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const firstFlushHeld = new Promise<void>((resolve) => (release = resolve));
    const echo = new GroupCommit<string, string>(async (inputs) => {
      batches.push(inputs);
      if (batches.length === 1) await firstFlushHeld;
      return inputs;
    });
    const first = echo.submit('a');
    await new Promise((resolve) => setImmediate(resolve));
    const later = [echo.submit('b'), echo.submit('c')];
    expect(batches).toEqual([['a']]);
    release();
    await expect(Promise.all([first, ...later])).resolves.toEqual(['a', 'b', 'c']);
    expect(batches).toEqual([['a'], ['b', 'c']]);
  });

  it('rejects every call of a failed batch and keeps working afterwards', async () => {
    let fail = true;
    const flaky = new GroupCommit<number, number>(async (inputs) => {
      if (fail) throw new Error('database down');
      return inputs;
    });
    const failed = [flaky.submit(1), flaky.submit(2)].map((p) =>
      p.then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    await expect(Promise.all(failed)).resolves.toEqual(['database down', 'database down']);
    fail = false;
    await expect(flaky.submit(3)).resolves.toBe(3);
  });

  it('splits a long queue into batches of at most maxBatch', async () => {
    const sizes: number[] = [];
    const small = new GroupCommit<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      return inputs;
    }, 2);
    await Promise.all([1, 2, 3, 4, 5].map((n) => small.submit(n)));
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('under load waits lingerMs before a batch, so that calls made meanwhile share it; a lone call never waits', async () => {
    const batches: number[][] = [];
    const lingering = new GroupCommit<number, number>(
      async (inputs) => {
        batches.push(inputs);
        return inputs;
      },
      256,
      50,
    );
    const started = Date.now();
    await lingering.submit(1);
    await Promise.all([lingering.submit(2), lingering.submit(3)]);
    // Neither waited: before each, the last batch had at most one call.
    expect(Date.now() - started).toBeLessThan(40);
    // The last batch had two calls: the next one waits, and a call made while it waits joins it.
    const joined = new Promise<number>((resolve) => setTimeout(() => resolve(lingering.submit(5)), 10));
    await expect(Promise.all([lingering.submit(4), joined])).resolves.toEqual([4, 5]);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });
});
