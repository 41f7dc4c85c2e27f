import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import config, { webDocuments } from '../../codegen';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The committed outputs: each file target, and every file under a directory target (the client preset writes several). */
function committedOutputs(): string[] {
  return Object.keys(config.generates).flatMap((target) =>
    target.endsWith('/') ? readdirSync(join(root, target)).map((file) => `${target}${file}`) : [target],
  );
}

describe('GraphQL Code Generator outputs', () => {
  it('match every subgraph schema.graphql and schema/operations/ exactly as committed', async () => {
    // `generate` is typed as returning `any` (watch mode never resolves); without writing it returns the files.
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: root, silent: true }, false);
    // When this fails after an SDL or operation change, run `npm run compose && npm run codegen` and commit the result.
    expect(outputs.map((output) => output.filename).sort(), 'generated files differ: run `npm run codegen`').toEqual(
      committedOutputs().sort(),
    );
    for (const output of outputs) {
      const committed = readFileSync(join(root, output.filename), 'utf8');
      expect(output.content, `${output.filename} is stale: run \`npm run codegen\``).toBe(committed);
    }
  });

  it('rejects an operation that selects a field schema/api.graphql does not have', async () => {
    const unknownField = 'query UnknownField { channels { code notAField } }';
    // The CLI also logs "no files were generated" to the console; the rejection is what matters here.
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTestFinished(() => consoleError.mockRestore());
    await expect(
      generate({ cwd: root, silent: true, generates: { 'web/gql/': { ...webDocuments, documents: unknownField } } }, false),
    ).rejects.toThrow(/Cannot query field "notAField" on type "Channel"/);
  });
});
