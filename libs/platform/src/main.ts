import type { Logger } from './logger';

/**
 * Runs a process's start function and stops it cleanly on SIGTERM/SIGINT, giving in-flight
 * work `graceSeconds` before exiting anyway.
 */
export function runMain(
  logger: Logger,
  graceSeconds: number,
  start: () => Promise<{ stop: () => Promise<void> }>,
): void {
  start().then(
    (running) => {
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        const timer = setTimeout(() => {
          logger.error('shutdown grace period exceeded');
          process.exit(1);
        }, graceSeconds * 1000);
        timer.unref();
        running.stop().then(
          () => process.exit(0),
          (error) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => shutdown('SIGTERM'));
      process.on('SIGINT', () => shutdown('SIGINT'));
    },
    (error) => {
      logger.fatal({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}
