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

it('logs a failed statement without its parameters, and masks personal data in every error field', async () => {
  // The shape TypeORM gives a failed INSERT: the statement, its values, and PostgreSQL's own error.
  const failed = Object.assign(new Error('duplicate key value violates unique constraint "person_pkey"'), {
    query: 'INSERT INTO "person" ("name", "id_number", "phone") VALUES ($1, $2, $3)',
    parameters: ['张老师', '630102198503120058', '13900000000'],
    detail: 'Key (id_number)=(630102198503120058) already exists.',
    driverError: { code: '23505', constraint: 'person_pkey', parameters: ['13900000000'] },
    context: { row: { contactPhone: '0971-8888888', note: '联系 13900000000，证件 630102198503120058' } },
    token: 'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ4In0.c2ln',
  });
  const lines = await report([
    new GraphQLError('boom', { originalError: failed, extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
  ]);
  const text = JSON.stringify(lines);
  for (const personal of ['630102198503120058', '13900000000', '0971-8888888', 'eyJhbGciOiJFZERTQSJ9']) {
    expect({ personal, logged: text.includes(personal) }).toEqual({ personal, logged: false });
  }
  expect(lines[0].err).toMatchObject({
    message: 'duplicate key value violates unique constraint "person_pkey"',
    query: 'INSERT INTO "person" ("name", "id_number", "phone") VALUES ($1, $2, $3)',
    driverError: { code: '23505', constraint: 'person_pkey' },
    context: { row: { contactPhone: '[redacted]', note: '联系 139******00，证件 630102********0058' } },
  });
});
