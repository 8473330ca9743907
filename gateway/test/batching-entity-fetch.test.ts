import { batchingEntityFetch } from '../src/batching-entity-fetch';
import { subgraphHttp } from '../src/subgraph-http';
import { startLocalServer, type LocalServer } from './support/local-server';

/** The gateway's own subgraph client, as serveGateway makes it. */
const subgraphs = subgraphHttp();

/**
 * A subgraph stand-in: answers `_entities` with one entity per representation, in order, and an
 * error at each representation whose id is "refused"; answers 503 to the caller "Bearer down".
 */
let server: LocalServer;
let url: string;
let calls: { authorization?: string; representations: { id: string }[] }[] = [];

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const { variables } = JSON.parse(text) as { variables: { representations: { id: string }[] } };
      calls.push({ authorization: req.headers.authorization, representations: variables.representations });
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'max-age=10, public');
      if (req.headers.authorization === 'Bearer down') {
        res.statusCode = 503;
        return void res.end(JSON.stringify({ errors: [{ message: 'overloaded' }] }));
      }
      const entities = variables.representations.map((r) =>
        r.id === 'refused' ? null : { __typename: 'Institution', id: r.id, call: calls.length },
      );
      const errors = variables.representations.flatMap((r, i) =>
        r.id === 'refused' ? [{ message: `no access to ${i}`, path: ['_entities', i, 'listing'] }] : [],
      );
      res.end(JSON.stringify({ data: { _entities: entities }, ...(errors.length ? { errors } : {}) }));
    });
  });
  url = `${server.origin}/graphql`;
});

afterAll(async () => {
  await subgraphs.close();
  await server.stop();
});

beforeEach(() => {
  calls = [];
});

const ENTITIES =
  'query Page__public_list__1($representations:[_Any!]!){_entities(representations:$representations){...on Institution{listing{list}}}}';

const entityFetch = (ids: string[], authorization = 'Bearer a', query = ENTITIES) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization },
  body: JSON.stringify({
    query,
    variables: { representations: ids.map((id) => ({ __typename: 'Institution', id })) },
  }),
});

type Answer = {
  data?: { _entities: ({ id: string } | null)[] };
  errors?: { message: string; path?: unknown[] }[];
};

it("merges one caller's concurrent entity fetches into one call and gives each its own entities", async () => {
  const send = batchingEntityFetch({ windowMs: 5, maxRepresentations: 1000 }, subgraphs.send);
  const pages = Array.from({ length: 8 }, (_, p) => Array.from({ length: 50 }, (_, i) => `p${p}-${i}`));
  const responses = await Promise.all(pages.map((ids) => send(url, entityFetch(ids))));
  expect(calls).toHaveLength(1);
  expect(calls[0].representations).toHaveLength(400);
  for (const [p, response] of responses.entries()) {
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=10, public');
    const answer = (await response.json()) as Answer;
    expect(answer.data!._entities.map((e) => e!.id)).toEqual(pages[p]);
    expect(answer.errors).toBeUndefined();
  }
});

it('gives each caller the errors about its own entities, renumbered to its positions', async () => {
  const send = batchingEntityFetch({ windowMs: 5, maxRepresentations: 1000 }, subgraphs.send);
  const [first, second] = await Promise.all([
    send(url, entityFetch(['a', 'b'])),
    send(url, entityFetch(['c', 'refused', 'd'])),
  ]);
  expect(calls).toHaveLength(1);
  const one = (await first.json()) as Answer;
  const two = (await second.json()) as Answer;
  expect(one.errors).toBeUndefined();
  expect(one.data!._entities.map((e) => e?.id)).toEqual(['a', 'b']);
  expect(two.data!._entities.map((e) => e?.id ?? null)).toEqual(['c', null, 'd']);
  expect(two.errors).toEqual([{ message: 'no access to 3', path: ['_entities', 1, 'listing'] }]);
});

it('never merges different callers or different queries, and passes other requests through', async () => {
  const send = batchingEntityFetch({ windowMs: 5, maxRepresentations: 1000 }, subgraphs.send);
  const other = ENTITIES.replace('listing{list}', 'listing{list since}');
  const answers = await Promise.all([
    send(url, entityFetch(['a'], 'Bearer a')),
    send(url, entityFetch(['b'], 'Bearer b')),
    send(url, entityFetch(['c'], 'Bearer a', other)),
  ]);
  expect(calls.map((c) => [c.authorization, c.representations.map((r) => r.id)])).toEqual(
    expect.arrayContaining([
      ['Bearer a', ['a']],
      ['Bearer b', ['b']],
      ['Bearer a', ['c']],
    ]),
  );
  expect(calls).toHaveLength(3);
  const ids = await Promise.all(
    answers.map(async (r) => ((await r.json()) as Answer).data!._entities[0]!.id),
  );
  expect(ids).toEqual(['a', 'b', 'c']);
});

it('sends a full batch at once and hands a refused call to every caller in it', async () => {
  // The window outlasts the test's timeout: only reaching four representations can send the batch.
  const send = batchingEntityFetch({ windowMs: 10 * 60_000, maxRepresentations: 4 }, subgraphs.send);
  const answers = await Promise.all([send(url, entityFetch(['a', 'b'])), send(url, entityFetch(['c', 'd']))]);
  expect(calls).toHaveLength(1);
  expect(calls[0].representations.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  expect(answers.map((r) => r.status)).toEqual([200, 200]);

  const quick = batchingEntityFetch({ windowMs: 5, maxRepresentations: 1000 }, subgraphs.send);
  const refused = await Promise.all([
    quick(url, entityFetch(['a'], 'Bearer down')),
    quick(url, entityFetch(['b'], 'Bearer down')),
  ]);
  for (const response of refused) {
    expect(response.status).toBe(503);
    expect(((await response.json()) as Answer).errors![0].message).toBe('overloaded');
  }
});
