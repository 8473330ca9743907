/**
 * What `pnpm start` prints once everything runs. It holds no token: this output is often kept as a
 * log file (`pnpm start > start.log`), and a token there is an admin's credential for hours. It says
 * how to mint one instead, so the token only ever lives in the shell that asked for it.
 */
export function startBanner(stack: {
  gatewayUrl: string;
  /** Per subgraph name, its URL. */
  subgraphUrls: Record<string, string>;
  /** How to show the database and Redis (passwords already masked). */
  databaseUrl: string;
  redisUrl: string;
}): string {
  const query = JSON.stringify({
    query: '{ region(code: "63") { code name level institutionStats { total } } }',
  });
  const lines = [
    '',
    `Jianguan is running — gateway ${stack.gatewayUrl}`,
    '',
    ...Object.entries(stack.subgraphUrls).map(
      ([name, url]) => `  ${`${name} subgraph`.padEnd(34)} ${url}  (gateway only: needs x-subgraph-secret)`,
    ),
    `  ${'PostgreSQL'.padEnd(34)} ${stack.databaseUrl}`,
    `  ${'Redis'.padEnd(34)} ${stack.redisUrl}`,
    '',
    `Explorer: open ${stack.gatewayUrl} in a browser (GraphiQL, works offline) and add the header`,
    '  Authorization: Bearer <token>',
    '',
    'A development token (scopes: admin, region 63 青海省, valid 8h; more with `pnpm -s token --help`):',
    '',
    '  TOKEN=$(pnpm -s token --scopes admin --region 63)',
    '',
    'Try:',
    `  curl -s ${stack.gatewayUrl} \\`,
    "    -H 'content-type: application/json' \\",
    '    -H "authorization: Bearer $TOKEN" \\',
    `    --data '${query}'`,
    '',
    'Ctrl-C stops everything.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}
