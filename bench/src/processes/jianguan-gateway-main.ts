/** Jianguan's gateway (gateway/src startGateway) in its own process, configured by its environment. */
import { startGateway } from '@jianguan/gateway';
import { childProcessEnv } from './child-env';
import { failChild, sendToParent } from './ipc';

async function main() {
  const gateway = await startGateway(childProcessEnv);
  process.on('SIGTERM', () => {
    gateway.stop().finally(() => process.exit(0));
  });
  sendToParent({ type: 'ready', url: gateway.url });
}

main().catch(failChild);
