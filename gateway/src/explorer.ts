import path from 'node:path';
import { Router, type Request, type Response } from 'express';

/** Where the explorer's page and its assets are served; the page is also served on GET /graphql. */
export const EXPLORER_PATH = '/explorer';
const ASSETS_PATH = `${EXPLORER_PATH}/assets`;

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * Only these files are served, all from installed packages (GraphiQL 3's prebuilt bundle expects
 * React and ReactDOM as globals, so their UMD builds are served too): nothing comes from a CDN.
 */
const ASSET_FILES: Record<string, string> = {
  'react.production.min.js': path.join(packageDir('react'), 'umd/react.production.min.js'),
  'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'),
  'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
  'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
};

const DEFAULT_QUERY = `# Jianguan gateway explorer (development only).
#
# Most fields need a token: run \`pnpm -s token --scopes admin --region 63\` and put
#   { "authorization": "Bearer <token>" }
# in the Headers tab below.

query Region {
  region(code: "63") {
    code
    name
    level
  }
}
`;

/** A separate script rather than an inline one, so a strict Content-Security-Policy can allow it. */
const INIT_SCRIPT = `(function () {
  var endpoint = document.getElementById('graphiql').getAttribute('data-endpoint');
  var fetcher = GraphiQL.createFetcher({ url: new URL(endpoint, window.location.href).href });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
    }),
  );
})();
`;

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function explorerHtml(graphqlPath: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Jianguan GraphQL explorer</title>
    <link rel="stylesheet" href="${ASSETS_PATH}/graphiql.min.css" />
    <style>
      html, body, #graphiql { height: 100%; margin: 0; }
    </style>
  </head>
  <body>
    <div id="graphiql" data-endpoint="${escapeAttribute(graphqlPath)}">Loading…</div>
    <script src="${ASSETS_PATH}/react.production.min.js"></script>
    <script src="${ASSETS_PATH}/react-dom.production.min.js"></script>
    <script src="${ASSETS_PATH}/graphiql.min.js"></script>
    <script src="${ASSETS_PATH}/init.js"></script>
  </body>
</html>
`;
}

/** A browser navigating to the endpoint prefers HTML; GraphQL clients ask for JSON (or anything). */
const wantsHtml = (req: Request) => req.accepts(['application/json', 'text/html']) === 'text/html';

/**
 * GraphiQL at /explorer, and on GET /graphql for browsers, served entirely from node_modules.
 * Mount before the /graphql middleware; only meant for NODE_ENV !== 'production'.
 */
export function explorer(graphqlPath = '/graphql'): Router {
  const router = Router();
  const html = explorerHtml(graphqlPath);
  const sendPage = (res: Response) => {
    res.set('cache-control', 'no-store').type('html').send(html);
  };

  router.get(EXPLORER_PATH, (_req, res) => sendPage(res));
  router.get(graphqlPath, (req, res, next) => {
    if (!wantsHtml(req)) return next();
    sendPage(res);
  });
  router.get(`${ASSETS_PATH}/init.js`, (_req, res) => {
    res.type('application/javascript').send(INIT_SCRIPT);
  });
  router.get(`${ASSETS_PATH}/:file`, (req, res, next) => {
    const file = Object.hasOwn(ASSET_FILES, req.params.file) ? ASSET_FILES[req.params.file] : undefined;
    if (!file) return next();
    // pnpm installs under node_modules/.pnpm; `send` would refuse that dot segment by default.
    res.sendFile(file, { maxAge: '1h', dotfiles: 'allow' });
  });
  return router;
}
