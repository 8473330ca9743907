/**
 * Starting and stopping the processes of a run: TypeScript children (forked with the repo's swc
 * register hook, talking over IPC) and plain commands (Hive Gateway's CLI) that we poll until they
 * answer HTTP.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ChildMessage, ParentMessage } from './processes/ipc';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PROCESSES_DIR = path.join(__dirname, 'processes');

export interface Child {
  name: string;
  pid: number;
  url?: string;
  process: ChildProcess;
  /** Sends a message and resolves with the first answer of the given type. */
  ask: <T extends ChildMessage['type']>(
    message: ParentMessage,
    answer: T,
  ) => Promise<Extract<ChildMessage, { type: T }>>;
  stop: () => Promise<void>;
}

const all = new Set<Child>();
const stopping = new Set<ChildProcess>();
const unexpectedExits: string[] = [];

/** Notes a child that dies while the run still needs it. */
function watch(name: string, child: ChildProcess) {
  child.once('exit', (code, signal) => {
    if (stopping.has(child)) return;
    unexpectedExits.push(`${name} (pid ${child.pid}) exited with ${signal ?? code}`);
    process.stderr.write(`[bench] ${name} exited unexpectedly (${signal ?? code})\n`);
  });
}

/** Throws if any process of the run has died: its numbers would be meaningless. */
export function assertChildrenAlive() {
  if (unexpectedExits.length > 0)
    throw new Error(`processes died during the run: ${unexpectedExits.join('; ')}`);
}

function stopper(name: string, child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      stopping.add(child);
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    }).then(() => {
      for (const c of all) if (c.name === name) all.delete(c);
    });
}

/** Forks bench/src/processes/<script> and waits for its `ready` message. */
export function forkChild(
  name: string,
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<Child> {
  const child = fork(path.join(PROCESSES_DIR, script), args, {
    cwd: REPO_ROOT,
    env,
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask: Child['ask'] = (message, answer) =>
    new Promise((resolve, reject) => {
      const onMessage = (m: ChildMessage) => {
        if (m.type === answer) {
          child.off('message', onMessage);
          resolve(m as never);
        } else if (m.type === 'failed') {
          child.off('message', onMessage);
          reject(new Error(`${name}: ${m.error}`));
        }
      };
      child.on('message', onMessage);
      child.send(message);
    });
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited (${code}) before it was ready`));
    child.once('exit', onExit);
    child.on('message', (m: ChildMessage) => {
      if (m.type === 'failed') reject(new Error(`${name} failed: ${m.error}`));
      if (m.type === 'ready') {
        child.off('exit', onExit);
        const handle: Child = {
          name,
          pid: child.pid as number,
          url: m.url,
          process: child,
          ask,
          stop: stopper(name, child),
        };
        all.add(handle);
        watch(name, child);
        resolve(handle);
      }
    });
  });
}

/** Spawns a command and waits until `url` answers a GraphQL request (or its stderr matches `failOn`). */
export async function spawnCommand(
  name: string,
  command: string,
  args: string[],
  options: { env: Record<string, string>; cwd: string; url: string; failOn?: RegExp },
): Promise<Child> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let refused: string | undefined;
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    process.stderr.write(text);
    if (options.failOn?.test(text)) refused = text.trim();
  });
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`${name} exited (${exited}) before it was ready`);
    if (refused) {
      child.kill('SIGKILL');
      throw new Error(`${name}: ${refused}`);
    }
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) throw new Error(`${name} did not answer on ${options.url} within 60 s`);
  const handle: Child = {
    name,
    pid: child.pid as number,
    url: options.url,
    process: child,
    ask: () => Promise.reject(new Error(`${name} has no IPC channel`)),
    stop: stopper(name, child),
  };
  all.add(handle);
  watch(name, child);
  return handle;
}

/** Stops whatever is still running, newest first (gateways before the subgraphs they call). */
export async function stopAllChildren() {
  for (const child of [...all].reverse()) await child.stop();
}
