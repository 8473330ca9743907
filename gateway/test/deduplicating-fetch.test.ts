import { deduplicatingFetch } from '../src/deduplicating-fetch';
import { subgraphHttp } from '../src/subgraph-http';
import { startLocalServer, type LocalServer } from './support/local-server';

/** The gateway's own subgraph client, as serveGateway makes it. */
const subgraphs = subgraphHttp();

/** A subgraph stand-in that counts the calls it gets and answers each after 50 ms. */
let server: LocalServer;
let url: string;
let calls = 0;

beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    calls += 1;
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () =>
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'max-age=30, public');
        res.end(
          JSON.stringify({ data: { echo: body, call: calls, auth: req.headers.authorization ?? null } }),
        );
      }, 50),
    );
  });
  url = `${server.origin}/graphql`;
});

afterAll(async () => {
  await subgraphs.close();
  await server.stop();
});

beforeEach(() => {
  calls = 0;
});

const request = (query: string, authorization?: string) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body: JSON.stringify({ query, variables: { code: '63' } }),
});

it('sends identical concurrent queries once and gives every caller its own response', async () => {
  const send = deduplicatingFetch(subgraphs.send);
  const query = 'query Dashboard__registry__0($code: String!) { region(code: $code) { code } }';
  const responses = await Promise.all(
    Array.from({ length: 10 }, () => send(url, request(query, 'Bearer a'))),
  );
  expect(calls).toBe(1);
  const bodies = await Promise.all(responses.map((response) => response.json()));
  expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
  expect(responses.every((response) => response.headers.get('cache-control') === 'max-age=30, public')).toBe(
    true,
  );

  // Nothing is kept afterwards: a later request asks again.
  await send(url, request(query, 'Bearer a'));
  expect(calls).toBe(2);
});

it('never merges requests of different callers, different bodies, or mutations', async () => {
  const send = deduplicatingFetch(subgraphs.send);
  const query = 'query Q__registry__0 { region(code: "63") { code } }';
  await Promise.all([send(url, request(query, 'Bearer a')), send(url, request(query, 'Bearer b'))]);
  expect(calls).toBe(2);
  await Promise.all([send(url, request(query)), send(url, request(`${query} `))]);
  expect(calls).toBe(4);
  const mutation = 'mutation M__registry__0 { joinNationalPlatform(institutionId: "x") { id } }';
  const answers = await Promise.all([
    send(url, request(mutation, 'Bearer a')),
    send(url, request(mutation, 'Bearer a')),
  ]);
  expect(calls).toBe(6);
  expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
});
