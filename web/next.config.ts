import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // npm workspaces hoist `next` and `react` to the monorepo root; Turbopack must resolve from there.
  turbopack: { root: fileURLToPath(new URL('..', import.meta.url)) },
  // `npm run typecheck` (and so `npm test` and CI) type-checks this package with its tsconfig; `next build`
  // does not repeat it, so the first `npm start` does not wait for it. Next 16 runs no ESLint during builds.
  typescript: { ignoreBuildErrors: true, tsconfigPath: 'tsconfig.json' },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
