import { z } from 'zod';

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
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  url: z.string().url(),
};
