import { describe, expect, it } from 'vitest';
import { FakeClock } from './clock';
import { WorkQueue } from './queue';

describe('WorkQueue', () => {
  it('collapses duplicates and reprocesses keys added during processing', async () => {
    const q = new WorkQueue({ clock: new FakeClock() });
    q.add('a');
    q.add('a');
    q.add('b');
    expect(q.length()).toBe(2);
    const first = await q.get();
    expect(first).toBe('a');
    q.add('a');
    expect(q.length()).toBe(1);
    q.done('a');
    expect(q.length()).toBe(2);
  });

  it('delays and backs off with the injected clock', async () => {
    const clock = new FakeClock();
    const q = new WorkQueue({ clock, baseBackoffMs: 100 });
    q.addAfter('later', 1000);
    clock.advance(999);
    expect(q.length()).toBe(0);
    clock.advance(1);
    expect(q.length()).toBe(1);
    await q.get();
    q.done('later');
    q.addRateLimited('x');
    clock.advance(100);
    expect(q.length()).toBe(1);
    await q.get();
    q.done('x');
    // The second consecutive failure waits twice as long.
    q.addRateLimited('x');
    clock.advance(100);
    expect(q.length()).toBe(0);
    clock.advance(100);
    expect(q.length()).toBe(1);
  });

  it('releases waiting workers on shutdown', async () => {
    const q = new WorkQueue({ clock: new FakeClock() });
    const pending = q.get();
    q.shutdown();
    expect(await pending).toBeUndefined();
  });
});
