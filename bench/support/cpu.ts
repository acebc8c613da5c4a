// Where the CPU goes while a benchmark measures: read from /proc for this process, the worker's,
// Temporal's and PostgreSQL's, as wall-clock figures are noisy on a shared machine.
import { readdirSync, readFileSync } from 'node:fs';

export type CpuByProcess = Record<'bench' | 'worker' | 'temporal' | 'postgres', number>;

/** CPU time (user + system, ms) used so far by each group of processes: this one, the worker, Temporal, PostgreSQL. */
export function cpuByProcess(workerPid: number): CpuByProcess {
  const ticksMs = 10; // USER_HZ is 100 on Linux
  const used = { bench: 0, worker: 0, temporal: 0, postgres: 0 };
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (Number(fields[11]) + Number(fields[12])) * ticksMs;
    const pid = Number(entry);
    if (pid === process.pid) used.bench += ms;
    else if (pid === workerPid) used.worker += ms;
    else if (comm === 'temporal') used.temporal += ms;
    // With its reaped children's time (the postmaster's): a backend that ends takes its own with it.
    else if (comm === 'postgres') used.postgres += ms + (Number(fields[13]) + Number(fields[14])) * ticksMs;
  }
  return used;
}

/** The CPU each group used between two readings of cpuByProcess, divided by `per` (steps, reminders). */
export function cpuUsed(before: CpuByProcess, after: CpuByProcess, per = 1): CpuByProcess {
  const used = (key: keyof CpuByProcess) => (after[key] - before[key]) / per;
  return { bench: used('bench'), worker: used('worker'), temporal: used('temporal'), postgres: used('postgres') };
}

/** CPU time (user + system, ms) one process has used so far. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
