/** CPU time of a process and its descendants, from /proc (utime + stime, in milliseconds). */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface Stat {
  pid: number;
  ppid: number;
  ticks: number;
  /** CPU of its children that have exited and been reaped (cutime + cstime). */
  reapedTicks: number;
  command: string;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields follow the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const command = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
    return {
      pid,
      ppid: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
      reapedTicks: Number(fields[13]) + Number(fields[14]),
      command,
    };
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
 * CPU of the PostgreSQL server: its live processes, plus the backends that have exited, which the
 * postmaster reaps (their time moves into its cutime/cstime), so a closed connection's CPU is not
 * lost. The server is shared with whatever else runs on the machine: meaningful on a quiet one only.
 */
export function postgresCpuMillis(): number {
  const server = allStats().filter((s) => s.command === 'postgres');
  const pids = new Set(server.map((s) => s.pid));
  const ticks = server.reduce((sum, s) => sum + s.ticks + (pids.has(s.ppid) ? 0 : s.reapedTicks), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
}
