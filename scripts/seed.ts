import { fileURLToPath } from 'node:url';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { createDb } from '@opsgraph/db';
import { envFields, parseEnv } from '@opsgraph/kit';
import { z } from 'zod';
import { DatabaseNotEmptyError, isEmpty, resolveSeedOptions, seedDemo, type SeedOptions, type SeedStep } from './seed/index';

// `npm run seed`: load the deterministic demo data set into an empty database (Postgres when DATABASE_URL is
// set, else the embedded PGlite data folder).

const usage = `Usage: npm run seed -- [--products N] [--orders N] [--days N] [--seed N] [--end ISO-TIME] [--if-empty]

  --products N   catalog size (default 300)
  --orders N     orders arriving over the period (default 1500)
  --days N       length of the history (default 90)
  --end TIME     when the history ends, e.g. 2026-11-01T00:00:00Z (default: now, to the minute)
  --seed N       random seed: the same options (and --end) always give the same data (default 42)
  --if-empty     exit quietly when the database already has data, instead of failing

Environment: DATABASE_URL (Postgres), else PGLITE_DATA_DIR (default .data/pglite).`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

function parseArgs(argv: string[]): { options: SeedOptions; ifEmpty: boolean } {
  const numeric = { '--products': 'products', '--orders': 'orders', '--days': 'days', '--seed': 'seed' } as const;
  const options: SeedOptions = {};
  let ifEmpty = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    }
    if (arg === '--if-empty') {
      ifEmpty = true;
      continue;
    }
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    if (!(flag in numeric) && flag !== '--end') fail(`Unknown argument "${arg}".`);
    const value = inline ?? argv[++i];
    if (value === undefined) fail(`${flag} needs a value.`);
    if (flag === '--end') {
      const end = new Date(value);
      if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(end.getTime())) fail(`--end must be an ISO-8601 time such as 2026-11-01T00:00:00Z, got "${value}".`);
      options.end = end;
      continue;
    }
    if (/^-\d+$/.test(value)) fail(`${flag} cannot be negative, got ${value}.`);
    if (!/^\d+$/.test(value)) fail(`${flag} must be a whole number, got "${value}".`);
    options[numeric[flag as keyof typeof numeric]] = Number(value);
  }
  try {
    resolveSeedOptions(options);
  } catch (error) {
    fail((error as Error).message.replace(/^seed option "(\w+)"/, '--$1'));
  }
  return { options, ifEmpty };
}

/** One bar per step on a terminal; one plain line per finished step otherwise (CI logs, pipes). */
function createReporter() {
  const tty = Boolean(process.stdout.isTTY);
  let current: { step: SeedStep; total: number; done: number; started: number; bar: cliProgress.SingleBar | null } | null = null;

  function finish() {
    if (!current) return;
    const seconds = ((performance.now() - current.started) / 1000).toFixed(2);
    if (current.bar) {
      current.bar.update(current.total, { seconds });
      current.bar.stop();
    } else {
      console.log(`${current.step.padEnd(10)} ${String(current.done).padStart(7)}/${String(current.total).padEnd(7)} ${seconds}s`);
    }
    current = null;
  }

  function onProgress(step: SeedStep, done: number, total: number) {
    if (current?.step !== step) {
      finish();
      const bar = tty
        ? new cliProgress.SingleBar(
            { format: `${step.padEnd(10)} {bar} {percentage}% | {value}/{total} | {duration_formatted}`, stream: process.stdout, hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
        : null;
      bar?.start(Math.max(total, 1), 0);
      current = { step, total, done, started: performance.now(), bar };
    }
    current!.done = done;
    current!.total = total;
    current!.bar?.setTotal(Math.max(total, 1));
    current!.bar?.update(done);
  }

  return { onProgress, finish };
}

const { options, ifEmpty } = parseArgs(process.argv.slice(2));
const root = fileURLToPath(new URL('..', import.meta.url));
const env = parseEnv({ DATABASE_URL: envFields.databaseUrl, PGLITE_DATA_DIR: z.string().default('.data/pglite') });
const dataDir = path.resolve(root, env.PGLITE_DATA_DIR);
const database = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
const shownDir = path.relative(root, dataDir).startsWith('..') ? dataDir : path.relative(root, dataDir);
console.log(env.DATABASE_URL ? 'Database: Postgres (DATABASE_URL)' : `Database: embedded PGlite in ${shownDir}`);

let exitCode = 0;
try {
  const started = performance.now();
  await database.migrate();
  if (ifEmpty && !(await isEmpty(database.db))) {
    console.log('The database already has data: nothing to seed.');
  } else {
    const reporter = createReporter();
    const summary = await seedDemo(database.db, options, reporter.onProgress);
    reporter.finish();
    const statuses = Object.entries(summary.ordersByStatus)
      .sort((a, b) => b[1] - a[1])
      .map(([status, n]) => `${status} ${n}`)
      .join(', ');
    console.log(
      [
        `Seed ${summary.seed}, ${summary.period.from.slice(0, 10)} to ${summary.period.to.slice(0, 10)}:`,
        `  ${summary.products} products, ${summary.channels} channels, ${summary.locations} locations`,
        `  ${summary.movements} stock movements, ${summary.transfers} transfers`,
        `  ${summary.orders} orders (${statuses}), ${summary.orderLines} lines, ${summary.shipments} shipments; ${summary.refusedOrders} refused at capture`,
        `  ${summary.exceptions} exceptions (${summary.openExceptions} open), ${summary.returns} returns, ${summary.refunds} refunds`,
        `  ${summary.journalEntries} journal entries`,
        `Seeded in ${(summary.durationMs / 1000).toFixed(2)}s (${Object.entries(summary.timings)
          .map(([step, ms]) => `${step} ${ms} ms`)
          .join(', ')}); ${((performance.now() - started) / 1000).toFixed(2)}s with migrations.`,
      ].join('\n'),
    );
  }
} catch (error) {
  if (error instanceof DatabaseNotEmptyError && ifEmpty) {
    console.log('The database already has data: nothing to seed.');
  } else if (error instanceof DatabaseNotEmptyError) {
    console.error(`${error.message}\nUse --if-empty to skip quietly, or point PGLITE_DATA_DIR / DATABASE_URL at an empty database.`);
    exitCode = 1;
  } else {
    console.error(error);
    exitCode = 1;
  }
} finally {
  await database.close();
}
process.exit(exitCode);
