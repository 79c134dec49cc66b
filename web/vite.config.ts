import { defineConfig } from 'vite';

// The build lands where Maven packages static resources, so the directory service serves it at /.
export default defineConfig({
  build: { outDir: 'target/classes/static', emptyOutDir: true, sourcemap: false },
  test: { environment: 'jsdom' },
});
