import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new SQL migration from the schema files; never hand-edit its output.
export default defineConfig({
  dialect: 'postgresql',
  schema: './drizzle/src/schema/index.ts',
  out: './drizzle/migrations',
  schemaFilter: ['catalog', 'inventory', 'orders', 'returns', 'finance'],
});
