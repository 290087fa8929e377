import { defineConfig } from 'vite';

// One self-contained ES module for pages that paste a single <script type="module"> tag.
export default defineConfig({
  build: {
    target: ['chrome69', 'safari14'],
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: () => 'flock.js' },
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: 'esbuild',
  },
});
