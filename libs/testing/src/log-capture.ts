import { Writable } from 'node:stream';

/** A pino log line as JSON. */
export type LogLine = Record<string, unknown> & { msg?: string; requestId?: string };

/** A destination stream for a logger that keeps every line it is given, parsed. */
export function captureLogs(): { destination: Writable; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      }
      done();
    },
  });
  return { destination, lines };
}
