/** CPU time of a process and its descendants, from /proc (utime + stime, in milliseconds). */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  ppid: number;
  ticks: number;
  command: string;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const command = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), command };
  } catch {
    return undefined;
  }
}

const allStats = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => readStat(Number(entry)))
    .filter((s): s is Stat => s !== undefined);

/** utime+stime of `pid` and every process below it (a gateway may fork workers). */
export function cpuMillis(pid: number): number {
  const stats = allStats();
  const children = new Map<number, Stat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = stats.filter((s) => s.pid === pid);
  while (stack.length > 0) {
    const s = stack.pop() as Stat;
    ticks += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/**
 * utime+stime of every PostgreSQL server process (the postmaster and its backends). The server is
 * shared with whatever else runs on the machine, so this is only meaningful on a quiet machine.
 */
export function postgresCpuMillis(): number {
  const ticks = allStats()
    .filter((s) => s.command === 'postgres')
    .reduce((sum, s) => sum + s.ticks, 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
