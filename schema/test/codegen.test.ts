import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('generated resolver types', () => {
  it('match every subgraph schema.graphql exactly as committed', async () => {
    // `generate` is typed as returning `any` (watch mode never resolves); without writing it returns the files.
    const outputs: { filename: string; content: string }[] = await generate({ ...config, cwd: root, silent: true }, false);
    expect(outputs.map((output) => output.filename).sort()).toEqual(Object.keys(config.generates).sort());
    for (const output of outputs) {
      const committed = readFileSync(join(root, output.filename), 'utf8');
      // When this fails after an SDL change, run `npm run codegen` and commit the result.
      expect(output.content, `${output.filename} is stale: run \`npm run codegen\``).toBe(committed);
    }
  });
});
