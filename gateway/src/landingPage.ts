import type { ApolloServerPlugin } from '@apollo/server';

const example = `curl -s http://localhost:4000/graphql \\
  -H 'content-type: application/json' \\
  -d '{"query":"{ products(first: 3) { nodes { sku name inventory { available } } } }"}'`;

/**
 * What a browser gets at GET /graphql: a self-contained page (no CDN, works offline) saying what this endpoint
 * is and how to call it. The bundled interactive playground replaces it in its own issue.
 */
export function landingPage(): ApolloServerPlugin {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>OpsGraph GraphQL API</title>
<style>
  body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1f2933; }
  code, pre { font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; }
  pre { background: #f4f5f7; padding: 1rem; border-radius: 6px; overflow-x: auto; }
</style></head>
<body>
  <h1>OpsGraph GraphQL API</h1>
  <p>This is the gateway: one schema composed from the catalog, inventory, orders, returns and finance subgraphs.
  Send GraphQL requests as <code>POST</code> with a JSON body <code>{"query": "...", "variables": {...}}</code>.</p>
  <pre>${example}</pre>
  <p>Mutations answer business failures as <code>userErrors { field code message }</code>; malformed requests get
  GraphQL errors with <code>extensions.code</code>.</p>
</body></html>`;
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html }) };
    },
  };
}
