// Load at a bounded width: the benchmarks start and poll thousands of workflows, a few dozen at a time.

/** Runs fn over items, at most `width` at a time. */
export async function inPool<T>(items: readonly T[], width: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await fn(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}
