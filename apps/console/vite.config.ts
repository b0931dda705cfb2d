import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The console is served by the api under /console/ (built into dist/console); in development Vite serves it and
// forwards /api to the api, so cookies stay first-party: `npm run dev:console` with `npm start` running.
export default defineConfig({
  plugins: [react()],
  base: '/console/',
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    // Read by the bundle budget check (test/console/bundle-budget.e2e-spec.ts): which chunks each entry loads.
    manifest: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: process.env.RALLY_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./vitest.setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
