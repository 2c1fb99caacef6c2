import { defineConfig } from 'vitest/config';

// Built into the orchestra-dashboard jar (see pom.xml); the runner serves index.html with <base href> and the run's
// token; the Jenkins plugin links the entry and its CSS that manifest.json names (Vite's backend integration).
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: 'manifest.json',
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
