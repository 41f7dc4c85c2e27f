import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // npm workspaces hoist `next` and `react` to the monorepo root; Turbopack must resolve from there.
  turbopack: { root: fileURLToPath(new URL('..', import.meta.url)) },
  // `next build` type-checks with this package's tsconfig. Next 16 no longer runs ESLint during builds
  // (the `eslint` option is gone), so nothing here needs an ESLint install.
  typescript: { ignoreBuildErrors: false, tsconfigPath: 'tsconfig.json' },
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
