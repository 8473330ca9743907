/**
 * One subgraph in its own process, as deployed: `subgraph-main.ts <service name>`, configured by its
 * environment. It counts the SQL statements it sends and reports the count when asked.
 */
import { federationServices } from '@jianguan/federation';
import { childProcessEnv } from './child-env';
import { failChild, sendToParent, type ParentMessage } from './ipc';
import { StatementTally } from './statement-tally';

async function main() {
  const name = process.argv[2];
  const service = federationServices.find((s) => s.name === name);
  if (!service) throw new Error(`unknown service ${name}`);
  const tally = new StatementTally();
  const server = await service.startServer(childProcessEnv, { queryLogger: tally });
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'statements') sendToParent({ type: 'statements', count: tally.count });
  });
  process.on('SIGTERM', () => {
    server.stop().finally(() => process.exit(0));
  });
  sendToParent({ type: 'ready', url: server.url });
}

main().catch(failChild);
