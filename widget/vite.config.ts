// Builds widget/dist/tandem.js (widget/entries/tandem.ts, the entry a studio's script tag loads) plus content-hashed
// chunks for the later steps and Stripe.js. `npm run build:widget`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // Relative base: chunk URLs resolve against the entry module's URL, so the script works
  // from the API origin when embedded on a studio's site (served at /widget/ with CORS).
  base: './',
  publicDir: false,
  logLevel: 'warn',
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    // Dynamic imports stay plain `import('./chunks/…')`, relative to the importing module:
    // no preload helper that would resolve against the host page.
    modulePreload: false,
    lib: {
      entry: here('./entries/tandem.ts'),
      formats: ['es'],
      fileName: () => 'tandem.js',
    },
    rollupOptions: {
      output: {
        chunkFileNames: 'chunks/[name]-[hash].js',
        minify: true,
      },
    },
  },
  esbuild: {
    legalComments: 'none',
  },
});
