/** The machine a run was made on, from /proc and os. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  loadAverage: number[];
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.split(':')[1].trim();
  } catch {
    // not Linux: os.cpus() is all we have
  }
  let memoryGiB = os.totalmem() / 2 ** 30;
  try {
    const kb = /MemTotal:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1];
    if (kb) memoryGiB = Number(kb) / 2 ** 20;
  } catch {
    // keep os.totalmem()
  }
  return {
    cpuModel,
    cores: os.cpus().length,
    memoryGiB: Math.round(memoryGiB * 10) / 10,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}
