import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is one static build served by `prunelens serve` and loaded by Electron (file://).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 2000 },
});
