/**
 * The queue limit: `count` delayed BullMQ jobs all due at the same instant, processed by a worker that
 * does nothing, with the same concurrency as the enforcement deadline worker, on the same Redis.
 */
import { Queue, Worker } from 'bullmq';
import { failChild, sendToParent, type ParentMessage } from './ipc';

export interface NoopQueueJob {
  redisUrl: string;
  prefix: string;
  count: number;
  concurrency: number;
  /** Epoch ms when every job falls due; enqueueing must finish before. */
  dueAt: number;
}

export interface NoopQueueResult {
  processed: number;
  duplicates: number;
  /** From the due instant until the last job completed. */
  drainMs: number;
}

async function run(job: NoopQueueJob): Promise<NoopQueueResult> {
  const name = 'bench-noop';
  const connection = { url: job.redisUrl };
  const queue = new Queue(name, { connection, prefix: job.prefix });
  const seen = new Map<string, number>();
  let lastDone = 0;
  const worker = new Worker(
    name,
    async (j) => {
      seen.set(j.id as string, (seen.get(j.id as string) ?? 0) + 1);
      lastDone = Date.now();
    },
    { connection, prefix: job.prefix, concurrency: job.concurrency },
  );
  const batch = 1000;
  for (let i = 0; i < job.count; i += batch) {
    const delay = Math.max(0, job.dueAt - Date.now());
    await queue.addBulk(
      Array.from({ length: Math.min(batch, job.count - i) }, (_, k) => ({
        name: 'noop',
        data: { n: i + k },
        opts: { jobId: `noop-${i + k}`, delay, removeOnComplete: true },
      })),
    );
  }
  if (Date.now() > job.dueAt)
    throw new Error('enqueueing took longer than the lead time before the due instant');
  while (seen.size < job.count) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 1000)); // anything processed twice shows up here
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  const duplicates = [...seen.values()].reduce((sum, n) => sum + n - 1, 0);
  return { processed: seen.size, duplicates, drainMs: lastDone - job.dueAt };
}

process.on('message', (message: ParentMessage) => {
  if (message.type !== 'run') return;
  run(message.job as NoopQueueJob).then((result) => sendToParent({ type: 'result', result }), failChild);
});
sendToParent({ type: 'ready' });
