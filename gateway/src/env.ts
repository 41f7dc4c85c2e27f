import { envFields, parseEnv } from '@opsgraph/kit';
import type { z } from 'zod';
import { subgraphs, type SubgraphName } from '@opsgraph/schema';

/** `CATALOG_URL`, `INVENTORY_URL`, ...: where the gateway finds each subgraph (defaults: localhost ports). */
export function subgraphUrlVariable(name: SubgraphName): string {
  return `${name.toUpperCase()}_URL`;
}

export function readGatewayEnv() {
  const urlFields: Record<string, z.ZodDefault<z.ZodString>> = Object.fromEntries(
    subgraphs.map((s) => [subgraphUrlVariable(s.name), envFields.url.default(`http://localhost:${s.port}/graphql`)]),
  );
  const env: Record<string, unknown> = parseEnv({
    GATEWAY_PORT: envFields.port(4000),
    CORS_ORIGINS: envFields.origins,
    ...urlFields,
  });
  return {
    port: env.GATEWAY_PORT as number,
    corsOrigins: env.CORS_ORIGINS as string[],
    subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, env[subgraphUrlVariable(s.name)]])) as Record<SubgraphName, string>,
  };
}
