// An open-loop client: requests sent on a fixed schedule whatever the answers, as many readers would
// send them, so that a slow answer delays the next ones' latencies instead of hiding them (a closed
// loop waits, and a stalled server then looks fast).
import { sleep } from './run';

/** `rate` requests a second for `seconds` seconds; the latencies (ms) of all, sorted, or an error for any answer but 200. */
export async function openLoop(url: (i: number) => string, rate: number, seconds: number, headers: Record<string, string> = {}): Promise<number[]> {
  const latencies: number[] = [];
  const total = Math.max(1, Math.round(rate * seconds));
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const wait = started + (i * 1000) / rate - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      (async () => {
        const t0 = performance.now();
        const response = await fetch(url(i), { headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${url(i)}: ${response.status}`);
        latencies.push(performance.now() - t0);
      })(),
    );
  }
  await Promise.all(pending);
  return latencies.sort((a, b) => a - b);
}
