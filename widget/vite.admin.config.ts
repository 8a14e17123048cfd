// Builds widget/dist/tandem-admin.js (widget/entries/tandem-admin.ts), the studio console at /admin, and its chunks
// beside the booking widget's files, without touching them. `npm run build:widget`.
import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vite';
import widget from './vite.config.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default mergeConfig(widget, defineConfig({
  build: {
    emptyOutDir: false,
    lib: {
      entry: here('./entries/tandem-admin.ts'),
      formats: ['es'],
      fileName: () => 'tandem-admin.js',
    },
  },
}));
