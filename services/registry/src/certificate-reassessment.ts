import { Queue, Worker } from 'bullmq';
import type { DataSource } from 'typeorm';
import type { Logger } from '@jianguan/platform';
import { reassessStaleCertificates } from './commands/reassess-certificates';

export const REASSESSMENT_QUEUE = 'registry-maintenance';
const JOB = 'reassess-certificates';

/**
 * Runs the certificate re-assessment at worker start and then daily on a cron schedule (Shanghai
 * time), as a BullMQ job scheduler: however many workers run, each run happens once.
 */
export async function scheduleCertificateReassessment(options: {
  dataSource: DataSource;
  redisUrl: string;
  prefix: string;
  cron: string;
  logger: Logger;
}) {
  const connection = { url: options.redisUrl };
  const queue = new Queue(REASSESSMENT_QUEUE, { connection, prefix: options.prefix });
  const run = async () => {
    const changed = await reassessStaleCertificates(options.dataSource);
    if (changed > 0) options.logger.info({ changed }, 'certificate status re-assessed');
    return { changed };
  };
  const worker = new Worker(REASSESSMENT_QUEUE, run, { connection, prefix: options.prefix, concurrency: 1 });
  worker.on('error', (error) => options.logger.error({ err: error }, 're-assessment worker error'));
  worker.on('failed', (_job, error) => options.logger.warn({ err: error }, 're-assessment failed'));
  await worker.waitUntilReady();
  await queue.upsertJobScheduler(
    JOB,
    { pattern: options.cron, tz: 'Asia/Shanghai' },
    { name: JOB, opts: { removeOnComplete: 10, removeOnFail: 100 } },
  );
  // Catch up on what expired while no worker ran.
  await queue.add(JOB, {}, { removeOnComplete: 10, removeOnFail: 100 });
  return {
    queue,
    stop: async () => {
      await worker.close();
      await queue.close();
    },
  };
}
