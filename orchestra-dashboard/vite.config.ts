import { defineConfig } from 'vitest/config';

// Built into the orchestra-dashboard jar (see pom.xml); the server sets <base href> and the run's token.
export default defineConfig({
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 200,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
