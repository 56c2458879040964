// Builds the web app (designer/) into designer/dist, which the server serves at `/` (server/http/static.ts).
// Dev: `npx vite --config designer/vite.config.ts` proxies /api to the server on GONGZHI_API (default :8080).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  build: { outDir: process.env.GONGZHI_WEB_OUT ?? `${root}dist`, emptyOutDir: true, chunkSizeWarningLimit: 5000, assetsDir: 'assets' },
  server: { host: '127.0.0.1', proxy: { '/api': process.env.GONGZHI_API ?? 'http://127.0.0.1:8080' } },
});
