import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig, type PluginOption } from 'vite';

const adminRoot = fileURLToPath(new URL('.', import.meta.url));

export const adminAlias = {
  '@': fileURLToPath(new URL('./src', import.meta.url)),
  '@health/api-client': fileURLToPath(new URL('../../libs/api-client/src/index.ts', import.meta.url)),
};

/**
 * Element Plus is imported on demand: components and directives used in templates, and the
 * `ElMessage` / `ElMessageBox` services used in scripts, each bring only their own code and CSS.
 */
export function adminPlugins(): PluginOption[] {
  const resolver = ElementPlusResolver({ importStyle: 'css' });
  return [
    vue(),
    AutoImport({ resolvers: [resolver], dts: 'src/types/auto-imports.d.ts' }),
    Components({ resolvers: [resolver], dirs: [], dts: 'src/types/components.d.ts' }),
  ];
}

export const adminDefine = {
  __VUE_OPTIONS_API__: 'false',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
  __VUE_I18N_FULL_INSTALL__: 'true',
  __VUE_I18N_LEGACY_API__: 'false',
  __INTLIFY_PROD_DEVTOOLS__: 'false',
  __INTLIFY_DROP_MESSAGE_COMPILER__: 'false',
};

export default defineConfig({
  root: adminRoot,
  base: '/',
  plugins: adminPlugins(),
  resolve: { alias: adminAlias },
  define: adminDefine,
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/admin', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'vue', test: /node_modules[\\/](@vue|vue|vue-router|pinia|vue-i18n|@intlify)[\\/]/ },
            // Only the lazily loaded trend charts import ECharts: kept apart so the main bundle never loads it.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|vue-echarts)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
