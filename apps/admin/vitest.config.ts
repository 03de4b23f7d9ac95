import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';
import { adminAlias, adminDefine, adminPlugins } from './vite.config.ts';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: adminPlugins(),
  resolve: { alias: adminAlias },
  define: adminDefine,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    // Element Plus modules import their CSS; let Vite handle them instead of Node.
    server: { deps: { inline: ['element-plus'] } },
    restoreMocks: true,
    unstubGlobals: true,
    pool: 'threads',
    maxWorkers: 1,
  },
});
