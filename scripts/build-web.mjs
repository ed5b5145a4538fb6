// Bundles the browser modules (apps/web/src) into dist/public, served at /assets,
// and copies the server's Handlebars views next to the compiled server.
import { build } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'dist/public');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: { app: path.join(root, 'apps/web/src/app.ts') },
  bundle: true,
  format: 'esm',
  target: ['es2022'],
  minify: true,
  sourcemap: true,
  outdir: out,
  logLevel: 'warning',
});
await build({ entryPoints: { app: path.join(root, 'apps/web/src/styles.css') }, bundle: true, minify: true, outdir: out, logLevel: 'warning' });

cpSync(path.join(root, 'apps/server/views'), path.join(root, 'dist/apps/server/views'), { recursive: true });
