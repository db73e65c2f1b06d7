import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API runs on the same origin in production; in dev, Vite forwards /api to the server.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  server: { proxy: { '/api': { target: process.env.CUSTODIAN_API ?? 'http://localhost:8080', changeOrigin: false } } },
});
