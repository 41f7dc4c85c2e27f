# One image for every OpsGraph process: the five subgraphs, the gateway, the migrate/seed job and the web app.
# docker-compose.yml picks the command per service. The only network used while building is the npm registry.
FROM node:20-bookworm-slim

ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false

WORKDIR /app
RUN chown node:node /app
USER node

# Manifests first, so the dependency layer is rebuilt only when they change. `npm ci` needs every workspace's
# package.json (test/deployment.test.ts checks this list against the root "workspaces").
COPY --chown=node:node package.json package-lock.json ./
COPY --chown=node:node drizzle/package.json drizzle/
COPY --chown=node:node subgraphs/kit/package.json subgraphs/kit/
COPY --chown=node:node subgraphs/catalog/package.json subgraphs/catalog/
COPY --chown=node:node subgraphs/inventory/package.json subgraphs/inventory/
COPY --chown=node:node subgraphs/orders/package.json subgraphs/orders/
COPY --chown=node:node subgraphs/returns/package.json subgraphs/returns/
COPY --chown=node:node subgraphs/finance/package.json subgraphs/finance/
COPY --chown=node:node gateway/package.json gateway/
COPY --chown=node:node schema/package.json schema/
COPY --chown=node:node web/package.json web/
# Dev dependencies stay: the processes run TypeScript through tsx and the web app is built at start.
# Install scripts are skipped, as on the development machines (see ARCHITECTURE.md): nothing here needs them.
RUN npm ci --ignore-scripts

COPY --chown=node:node . .

EXPOSE 3000 4000 4001 4002 4003 4004 4005
# Without a command from docker-compose.yml: the embedded single-process stack (PGlite, no Postgres needed).
CMD ["npm", "start"]
