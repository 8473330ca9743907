# One Dockerfile for every image; the build arguments say which deployable (build from the repository root):
#   docker build -t jianguan/gateway .
#   docker build --build-arg PACKAGE=services/registry --build-arg PORT=4001 --build-arg WORKER_PORT=9101 \
#     -t jianguan/registry .
# A subgraph's image runs three commands: server (default) node src/server.js, worker node src/worker.js,
# migration node migrate.js. The gateway routes by the committed supergraph.graphql (`pnpm compose`).
# docker-compose.yml passes each deployable's arguments; the build logic is scripts/deployment-build.ts.

FROM node:20-bookworm-slim AS build
WORKDIR /repo
# The pnpm of package.json's packageManager (scripts/test/deployment-docker.test.ts keeps them equal).
ARG PNPM_VERSION=10.34.9
RUN npm install --global pnpm@${PNPM_VERSION}
# Dependencies first (cached until the lockfile changes), then the sources.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
# The workspace folder of the deployable: gateway or services/<name>.
ARG PACKAGE=gateway
RUN pnpm install --offline --frozen-lockfile \
  && SWCRC=true node -r @swc-node/register scripts/deployment-build.ts ${PACKAGE} /out

FROM node:20-bookworm-slim
# The subgraph's (or gateway's) port and, for a subgraph, its worker's health port: exposed only, as
# each service's config already defaults WORKER_PORT to it (an empty one would parse as port 0).
ARG PORT=4000
ARG WORKER_PORT
# SUPERGRAPH_PATH is read by the gateway only.
ENV NODE_ENV=production NODE_OPTIONS=--enable-source-maps HOST=0.0.0.0 PORT=${PORT} \
  SUPERGRAPH_PATH=/app/supergraph.graphql
WORKDIR /app
# Owned by root and read-only to the process; only production dependencies and compiled JavaScript.
COPY --from=build /out ./
USER node
EXPOSE ${PORT} ${WORKER_PORT}
CMD ["node", "src/server.js"]
