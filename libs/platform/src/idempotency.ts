import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { stringify } from 'safe-stable-stringify';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { isExpectedCode } from './errors';
import type { RequestContext } from './subgraph-server';

/**
 * The header a client sends with a mutation so that a repeat (a double click, a retry after a lost
 * answer) records nothing and answers what the first one answered. The gateway forwards it.
 */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** How long a key's first answer is kept: a repeat within a day answers it. */
export const IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 60 * 60;

/** A reservation this old without an answer belongs to a process that died; the key is free again. */
const ABANDONED_AFTER_SECONDS = 5 * 60;
/** How long a repeat waits for the first request's answer before it gives up (CONFLICT). */
const WAIT_MS = 25_000;
const POLL_MS = 50;
/** Visible ASCII, so the key is harmless in SQL parameters, logs and headers. */
const ACCEPTABLE_KEY = /^[\x21-\x7e]{1,200}$/;
const FIELD = 'Idempotency-Key';

/** DDL of a service's key table, run by that service's migration (as the outbox's is). */
export const idempotencyKeysDdl = (schema: string) => [
  `CREATE TABLE "${schema}".idempotency_key (
     caller text NOT NULL,
     key text NOT NULL,
     request_hash text NOT NULL,
     answer jsonb,
     created_at timestamptz NOT NULL DEFAULT now(),
     expires_at timestamptz NOT NULL,
     PRIMARY KEY (caller, key)
   )`,
  `COMMENT ON TABLE "${schema}".idempotency_key IS
     'First answer of each mutation sent with an Idempotency-Key, per caller, for 24 h (answer NULL: still running)'`,
  `CREATE INDEX idempotency_key_expires_at ON "${schema}".idempotency_key (expires_at)`,
];

/**
 * The migration that adds the key table to a service's schema; each service lists it at the tail
 * of its migrations (one name everywhere, each service's own migrations table records it).
 */
export const idempotencyKeysMigration = (schema: string) =>
  class IdempotencyKeys1765000000000 implements MigrationInterface {
    name = 'IdempotencyKeys1765000000000';

    async up(runner: QueryRunner): Promise<void> {
      for (const statement of idempotencyKeysDdl(schema)) await runner.query(statement);
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`DROP TABLE "${schema}".idempotency_key`);
    }
  };

const refusal = (code: string, message: string): GraphQLFormattedError => ({
  message,
  extensions: { code, field: FIELD },
});

const answerWith = (result: FormattedExecutionResult): GraphQLResponse => ({
  http: { status: undefined, headers: new HeaderMap() },
  body: { kind: 'single', singleResult: result },
});

/** The operation as this subgraph received it: text, name and variables in a stable order. */
const requestHash = (request: GraphQLRequestContext<RequestContext>) =>
  createHash('sha256')
    .update(
      stringify([
        request.source ?? '',
        request.request.operationName ?? null,
        request.request.variables ?? {},
      ]),
    )
    .digest('hex');

/**
 * Mutations sent with an `Idempotency-Key` run once per caller and key: the first request reserves
 * the key (a row in the service's own `idempotency_key` table), runs, and stores its answer; a
 * repeat answers that stored answer without running — one arriving while the first is still
 * running waits for it. The same key with a different operation or variables is refused
 * (IDEMPOTENCY_KEY_REUSED). An answer with an unexpected (internal) error frees the key, so a retry
 * runs again. Queries and requests without the header are untouched.
 */
// Long on purpose (~110 lines): an Apollo plugin whose steps (reserve, wait for the first run,
// store or free the answer) share the table name and the request's reservation; each step is a named
// function inside it.
// eslint-disable-next-line max-lines-per-function -- the reason is the comment above
export function idempotentMutations<C extends RequestContext>(
  dataSource: DataSource,
  schema: string,
): ApolloServerPlugin<C> {
  const table = `"${schema}".idempotency_key`;

  /** True when this request reserved the key and so runs; expired and abandoned rows give way first. */
  async function reserve(caller: string, key: string, hash: string): Promise<boolean> {
    await dataSource.query(
      `DELETE FROM ${table}
        WHERE (caller = $1 AND key = $2
               AND (expires_at < now() OR (answer IS NULL AND created_at < now() - make_interval(secs => $3))))
           OR ctid = ANY (ARRAY(SELECT ctid FROM ${table} WHERE expires_at < now() LIMIT 100))`,
      [caller, key, ABANDONED_AFTER_SECONDS],
    );
    const inserted: unknown[] = await dataSource.query(
      `INSERT INTO ${table} (caller, key, request_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4))
       ON CONFLICT (caller, key) DO NOTHING RETURNING 1`,
      [caller, key, hash, IDEMPOTENCY_KEY_TTL_SECONDS],
    );
    return inserted.length === 1;
  }

  /** What a repeat answers: the first answer, a refusal, or null when the key became free to take. */
  async function repeat(caller: string, key: string, hash: string): Promise<GraphQLResponse | null> {
    const giveUpAt = Date.now() + WAIT_MS;
    for (;;) {
      const [row]: { request_hash: string; answer: FormattedExecutionResult | null }[] =
        await dataSource.query(
          `SELECT request_hash, answer FROM ${table} WHERE caller = $1 AND key = $2 AND expires_at >= now()`,
          [caller, key],
        );
      if (!row) return null;
      if (row.request_hash !== hash) {
        return answerWith({
          errors: [
            refusal(
              'IDEMPOTENCY_KEY_REUSED',
              '该幂等键（Idempotency-Key）已用于另一个请求（操作或参数不同）；新的请求请使用新的幂等键',
            ),
          ],
        });
      }
      if (row.answer) return answerWith(row.answer);
      if (Date.now() > giveUpAt) {
        return answerWith({
          errors: [refusal('CONFLICT', '使用同一幂等键（Idempotency-Key）的请求仍在处理中，请稍后重试')],
        });
      }
      await sleep(POLL_MS);
    }
  }

  return {
    async requestDidStart() {
      let reserved: { caller: string; key: string } | undefined;
      return {
        async responseForOperation(request) {
          const key = request.request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
          const caller = request.contextValue.viewer.claims?.sub;
          // Anonymous callers change nothing; their mutations are refused by the resolvers.
          if (key === undefined || request.operation.operation !== 'mutation' || !caller) return null;
          if (!ACCEPTABLE_KEY.test(key)) {
            return answerWith({
              errors: [refusal('BAD_USER_INPUT', 'Idempotency-Key 须为 1–200 个可见 ASCII 字符')],
            });
          }
          const hash = requestHash(request);
          for (;;) {
            if (await reserve(caller, key, hash)) {
              reserved = { caller, key };
              return null;
            }
            const answer = await repeat(caller, key, hash);
            if (answer) {
              request.contextValue.logger.info(
                { idempotencyKey: key },
                'repeat answered from its first answer',
              );
              return answer;
            }
          }
        },

        async willSendResponse({ response, contextValue }) {
          if (!reserved) return;
          const { caller, key } = reserved;
          const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = !result || (result.errors ?? []).some((e) => !isExpectedCode(e.extensions?.code));
          try {
            if (failed) {
              await dataSource.query(`DELETE FROM ${table} WHERE caller = $1 AND key = $2`, [caller, key]);
            } else {
              await dataSource.query(
                `UPDATE ${table} SET answer = $3, expires_at = now() + make_interval(secs => $4)
                  WHERE caller = $1 AND key = $2`,
                [caller, key, { data: result.data, errors: result.errors }, IDEMPOTENCY_KEY_TTL_SECONDS],
              );
            }
          } catch (error) {
            // The caller still gets this answer; repeats wait, then the reservation counts as abandoned.
            contextValue.logger.error({ err: error, idempotencyKey: key }, 'could not keep the answer');
          }
        },
      };
    },
  };
}
