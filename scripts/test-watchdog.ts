/**
 * A last resort for the servers a jest run started: a small shell process, outside jest's process
 * group, that waits for jest to die and then stops them (by the pid files PostgreSQL and Redis keep
 * in the run's folder) and removes the folder. Teardown ends it; it acts only when jest went away
 * without teardown (killed, or exited early).
 */
import { spawn } from 'node:child_process';

const SCRIPT = `
parent=$1; dir=$2
while kill -0 "$parent" 2>/dev/null; do sleep 1; done
for file in "$dir/postgres/postmaster.pid" "$dir/redis.pid"; do
  [ -f "$file" ] && kill -INT "$(head -n 1 "$file")" 2>/dev/null
done
for _ in $(seq 60); do
  [ -f "$dir/postgres/postmaster.pid" ] || [ -f "$dir/redis.pid" ] || break
  sleep 0.5
done
rm -rf "$dir"
`;

/** Starts the watchdog for `dir`; the function it returns ends it (teardown's own cleanup ran). */
export function startWatchdog(dir: string): () => void {
  const child = spawn('/bin/sh', ['-c', SCRIPT, 'jianguan-test-watchdog', String(process.pid), dir], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  return () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
}
