import type { Client } from 'pg';
import { late, officialToken, QINGHAI, Stoppers, tokenFor } from '@jianguan/testing';
import {
  startFederationWithDatabase,
  stopFederation,
  type FederationOptions,
  type TestFederation,
} from './federation';

export interface FederationStack {
  /** The file's federation (subgraphs, workers when asked for, gateway), once `beforeAll` has started it. */
  federation: TestFederation;
  /** A client on the file's database as its administrator, for a test's own setup and checks. */
  db: Client;
  /** Registers a piece the file started to stop at the end of the file, before the federation. */
  stopAtEnd: <T>(piece: T, stop: (piece: T) => Promise<unknown> | unknown) => T;
}

/**
 * The federation stack of one test file: started in a `beforeAll` declared here (so before the file's
 * own), on a database and queue prefix of the file's own; at `afterAll`, what the file registered with
 * `stopAtEnd` stops first (last started first), then the client, the processes and the database.
 * `federation` and `db` stand for what `beforeAll` makes, so the file names them at the top.
 */
export function useFederationStack(options: FederationOptions = {}): FederationStack {
  let started: { federation: TestFederation; db: Client } | undefined;
  const pieces = new Stoppers();
  beforeAll(async () => {
    started = await startFederationWithDatabase(options);
  });
  afterAll(async () => {
    await pieces.stopAll();
    await stopFederation(started?.federation, started?.db);
  });
  return {
    federation: late('the federation', () => started?.federation),
    db: late('the database client', () => started?.db),
    stopAtEnd: (piece, stop) => pieces.add(piece, stop),
  };
}

/** Who a token is for: [sub, name, scopes, regionCode] of officialToken, or the claims of tokenFor. */
export type OfficialSpec = Parameters<typeof officialToken> | Parameters<typeof tokenFor>[0];

/**
 * Tokens for the officials a test file acts as, signed in a `beforeAll` (declared where this is
 * called): `tokens.reviewer` and so on, each from its spec.
 */
export function useOfficials<K extends string>(specs: Record<K, OfficialSpec>): Record<K, string> {
  const tokens = {} as Record<K, string>;
  beforeAll(async () => {
    for (const [key, spec] of Object.entries(specs) as [K, OfficialSpec][]) {
      tokens[key] = await (Array.isArray(spec) ? officialToken(...spec) : tokenFor(spec));
    }
  });
  return tokens;
}

/** The user of an institution (of Chengdong unless said), who acts for it: submits, files, rectifies. */
export const institutionUser = (institutionId: string, regionCode: string = QINGHAI.chengdong) =>
  tokenFor({ sub: `user-${institutionId}`, name: '机构经办人', scopes: [], regionCode, institutionId });
