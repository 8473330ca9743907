/**
 * The queue consumers (event inboxes, relays, deadlines) of the services named in argv[2]
 * (comma-separated; all when absent) in one process.
 */
import { federationServices } from '@jianguan/federation';
import type { RunningProcess } from '@jianguan/platform';
import { childProcessEnv } from './child-env';
import { failChild, sendToParent } from './ipc';

async function main() {
  const only = process.argv[2]?.split(',');
  const services = federationServices.filter((s) => !only || only.includes(s.name));
  const running: RunningProcess[] = [];
  for (const service of services) running.push(await service.startWorker(childProcessEnv));
  process.on('SIGTERM', () => {
    Promise.all(running.map((r) => r.stop())).finally(() => process.exit(0));
  });
  sendToParent({ type: 'ready' });
}

main().catch(failChild);
