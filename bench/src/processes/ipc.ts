/** Messages between the bench and the processes it starts (Node IPC channel). */
export type ChildMessage =
  | { type: 'ready'; url?: string }
  | { type: 'statements'; count: number }
  | { type: 'result'; result: unknown }
  | { type: 'failed'; error: string };

export type ParentMessage = { type: 'statements' } | { type: 'run'; job: unknown };

export const sendToParent = (message: ChildMessage) => {
  if (!process.send) throw new Error('this script runs as a child of the bench (IPC channel missing)');
  process.send(message);
};

export const failChild = (error: unknown) => {
  sendToParent({
    type: 'failed',
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  setTimeout(() => process.exit(1), 100);
};
