/**
 * The load generator, in its own process: autocannon on loopback, each request's body taken in turn
 * from the job's list, so variables vary per request.
 */
import autocannon from 'autocannon';
import { failChild, sendToParent, type ParentMessage } from './ipc';

export interface LoadJob {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** HTTP 200 answers that carry GraphQL errors (a failed subgraph fetch, say). */
  graphqlErrors: number;
  timeouts: number;
}

function run(job: LoadJob): Promise<LoadResult> {
  let next = 0;
  let graphqlErrors = 0;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: job.url,
        method: 'POST',
        connections: job.connections,
        duration: job.seconds,
        // The shared machine can be slow; a request still counts (in the latency) up to 30 s.
        timeout: 30,
        headers: { 'content-type': 'application/json', ...job.headers },
        requests: [
          {
            setupRequest: (request) => {
              const body = job.bodies[next % job.bodies.length];
              next += 1;
              return { ...request, body };
            },
            onResponse: (_status, body) => {
              if (body.includes('"errors"')) graphqlErrors += 1;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          rps: result.requests.total / (result.duration || job.seconds),
          p50: result.latency.p50,
          p99: result.latency.p99,
          errors: result.errors,
          non2xx: result.non2xx,
          graphqlErrors,
          timeouts: result.timeouts,
        });
      },
    );
  });
}

process.on('message', (message: ParentMessage) => {
  if (message.type !== 'run') return;
  run(message.job as LoadJob).then((result) => sendToParent({ type: 'result', result }), failChild);
});
sendToParent({ type: 'ready' });
