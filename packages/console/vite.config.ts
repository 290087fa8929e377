import { defineConfig } from 'vite';

// Served by flock-server under /console/ (packages/server/src/routes/console-app.ts), which sends a
// strict Content-Security-Policy: no inline script, so no module-preload polyfill either.
export default defineConfig({
  base: '/console/',
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    sourcemap: true,
    modulePreload: false,
    target: 'es2022',
    // The console, and the store counter's scanner page its staff-key QR codes open.
    rollupOptions: { input: ['index.html', 'scanner.html'] },
  },
});
