import { GateClosed, StepGate } from '../../api/partnerships/step-gate';

const later = () => {
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  return { done, release };
};

describe("a partnership's steps in flight", () => {
  it('when more steps of one partnership come than the limit, then at most the limit run at once, the rest in the order they came, and other partnerships are not held up', async () => {
    const gate = new StepGate(2);
    const deadline = Date.now() + 10_000;
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const blockers = Array.from({ length: 6 }, later);
    const calls = blockers.map((b, i) =>
      gate.run('p1', deadline, async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(i);
        await b.done;
        running -= 1;
      }),
    );
    expect(await gate.run('p2', deadline, async () => 'other partnership')).toBe('other partnership');
    for (const b of blockers) {
      await new Promise((r) => setTimeout(r, 5));
      b.release();
    }
    await Promise.all(calls);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('when a step waits for its turn past its deadline, then it is refused without running, and the line moves on', async () => {
    const gate = new StepGate(1);
    const blocker = later();
    const first = gate.run('p', Date.now() + 10_000, () => blocker.done);
    let ran = false;
    await expect(gate.run('p', Date.now() + 20, async () => (ran = true))).rejects.toBeInstanceOf(GateClosed);
    blocker.release();
    await first;
    expect(ran).toBe(false);
    expect(await gate.run('p', Date.now() + 1_000, async () => 'next')).toBe('next');
  });
});
