import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Packages the first screen needs whole (React, the router, the query cache, i18n, the menus' positioning): one
// chunk instead of the ~40 small shared chunks Rolldown would cut them into, since gzip cannot share its dictionary
// across files (measured: 265 KB gzipped as 44 files, 251 KB as one). Packages only later screens use (charts, date
// pickers, tables, forms) and @mantine/core (whose later-screen components would come along) stay split.
const FIRST_LOAD_PACKAGES =
  /[\\/]node_modules[\\/](react|react-dom|scheduler|@tanstack|i18next|i18next-icu|react-i18next|@formatjs|intl-messageformat|html-parse-stringify|void-elements|use-sync-external-store|zod|openapi-fetch|@floating-ui|tslib|@mantine[\\/](hooks|store))[\\/]/;

// The console is served by the api under /console/ (built into dist/console); in development Vite serves it and
// forwards /api to the api, so cookies stay first-party: `npm run dev:console` with `npm start` running.
// Mantine's machinery and the components of the frame, sign-in and home, likewise in one chunk; the components only
// later screens use (selects, number and date inputs, tooltips) stay with those screens. A component missing here
// still works (it lands in a shared chunk of its own); the bundle budget check says when this list matters.
const FIRST_LOAD_MANTINE = new RegExp(
  `[\\\\/]@mantine[\\\\/]core[\\\\/]esm[\\\\/](core|utils|components[\\\\/](${[
    'Accordion',
    'ActionIcon',
    'Alert',
    'Anchor',
    'AppShell',
    'Badge',
    'Burger',
    'Button',
    'Center',
    'Checkbox',
    'CloseButton',
    'Collapse',
    'FloatingIndicator',
    'Grid',
    'Group',
    'Input',
    'InputBase',
    'Loader',
    'Menu',
    'NavLink',
    'Overlay',
    'Paper',
    'PasswordInput',
    'Popover',
    'Portal',
    'Progress',
    'ScrollArea',
    'SegmentedControl',
    'SimpleGrid',
    'Skeleton',
    'Stack',
    'Table',
    'Text',
    'TextInput',
    'Timeline',
    'Title',
    'Transition',
    'UnstyledButton',
    'VisuallyHidden',
  ].join('|')}))[\\\\/]`,
);

export default defineConfig({
  plugins: [react()],
  base: '/console/',
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    // Read by the bundle budget check (scripts/console-bundle-size.mjs): which chunks each entry loads.
    manifest: true,
    sourcemap: true,
    // The first-load vendor chunk is ~520 KB by design (see above) and the chart chunk ~470 KB loads only with a
    // chart; the budget that matters is checked by test/console/bundle-budget.e2e-spec.ts.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor', test: FIRST_LOAD_PACKAGES },
            { name: 'mantine', test: FIRST_LOAD_MANTINE },
          ],
        },
      },
    },
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
