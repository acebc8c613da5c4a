// The workspace's build: one entry, and the step forms (the JSON Schema form renderer) in a chunk
// of their own, loaded only on a case's page. The API serves dist/ on its own origin.
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No inline script or style anywhere: the CSP has no 'unsafe-inline'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
    reportCompressedSize: false,
  },
});
