import { GraphQLError } from 'graphql';
import type { GraphQLRequestContextDidEncounterErrors, GraphQLRequestListener } from '@apollo/server';
import { captureLogs } from '@jianguan/testing';
import { createLogger, errorLogging, type Logger } from '../src';

type Context = { logger: Logger };

async function report(errors: readonly GraphQLError[]) {
  const { destination, lines } = captureLogs();
  const logger = createLogger('gateway', 'info', destination);
  const listener = (await errorLogging<Context>().requestDidStart!(
    {} as never,
  )) as GraphQLRequestListener<Context>;
  await listener.didEncounterErrors!({
    contextValue: { logger },
    errors,
    operationName: 'Dashboard',
  } as unknown as GraphQLRequestContextDidEncounterErrors<Context>);
  return lines;
}

it('logs internal errors, including a failed subgraph fetch that carries no extensions', async () => {
  // What the gateway hands over when a subgraph connection is reset: a plain Error.
  const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) as unknown as GraphQLError;
  const lines = await report([
    reset,
    new GraphQLError('boom', { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
  ]);
  expect(lines.map((line) => [line.msg, (line.err as { message: string }).message])).toEqual([
    ['internal error', 'socket hang up'],
    ['internal error', 'boom'],
  ]);
});

it('does not log answers such as bad input or forbidden', async () => {
  const lines = await report([
    new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } }),
    new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } }),
  ]);
  expect(lines).toEqual([]);
});
