import { execFileSync } from 'node:child_process';

export interface ProcessRow {
  pid: number;
  ppid: number;
  rssKb: number;
  command: string;
}

/** A process and every process below it, with their resident memory and command lines (`ps`). */
export function processTree(root: number): ProcessRow[] {
  const rows = execFileSync('ps', ['-e', '-ww', '-o', 'pid=,ppid=,rss=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => {
      const [pid, ppid, rss, ...args] = line.trim().split(/\s+/);
      return { pid: Number(pid), ppid: Number(ppid), rssKb: Number(rss), command: args.join(' ') };
    });
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const row of rows) {
      if (tree.has(row.ppid) && !tree.has(row.pid)) {
        tree.add(row.pid);
        grew = true;
      }
    }
  }
  return rows.filter((row) => tree.has(row.pid));
}

/** Every live process with its command line: a zombie has ended, whoever is yet to collect it. */
export function liveProcesses(): { pid: number; command: string }[] {
  return execFileSync('ps', ['-e', '-ww', '-o', 'pid=,stat=,args='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, stat]) => !stat?.startsWith('Z'))
    .map(([pid, , ...args]) => ({ pid: Number(pid), command: args.join(' ') }));
}

/** Of the processes seen (pid → command line), those still running: a pid given since to another command is not one of them. */
export function stillRunning(seen: ReadonlyMap<number, string>): { pid: number; command: string }[] {
  return liveProcesses().filter((row) => seen.get(row.pid) === row.command);
}
