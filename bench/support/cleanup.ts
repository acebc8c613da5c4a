// Everything a benchmark starts is stopped again, newest first: at its end, on an error and on Ctrl-C.
const cleanups: { name: string; run: () => Promise<unknown> }[] = [];

/** Registers how to stop what was just started; answers a function that stops it now. */
export function onCleanup(name: string, run: () => Promise<unknown>): () => Promise<void> {
  const entry = { name, run };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i >= 0) cleanups.splice(i, 1);
    await run();
  };
}

export async function cleanUp(): Promise<void> {
  while (cleanups.length) {
    const { name, run } = cleanups.pop()!;
    await run().catch((error: unknown) => console.error(`cleanup of ${name} failed:`, error));
  }
}
