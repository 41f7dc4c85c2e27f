import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository's `.env`, if someone created one from `.env.example`; real environment variables win. */
const dotEnv = fileURLToPath(new URL('../../../.env', import.meta.url));
if (existsSync(dotEnv)) process.loadEnvFile(dotEnv);

/**
 * Parses the environment once, at boot. Every bad variable is reported together and the process exits,
 * so a typo in `.env` is found before the first request rather than during it.
 */
export function parseEnv<Shape extends z.ZodRawShape>(
  shape: Shape,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const result = z.object(shape).safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  console.error(`Invalid environment (see .env.example):\n${problems.join('\n')}`);
  process.exit(1);
}

/** Shapes shared by every process. */
export const envFields = {
  databaseUrl: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string').optional(),
  ),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: z.string().url(),
  /** Comma-separated browser origins, e.g. the web app's; defaults to the web app on localhost. */
  origins: z
    .string()
    .default('http://localhost:3000,http://127.0.0.1:3000')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().url('each origin must be a URL such as http://localhost:3000'))),
};
