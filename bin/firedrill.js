#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/apps/cli/src/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('firedrill: the CLI is not built yet; run "npm run build" in the Firedrill checkout\n');
  process.exit(2);
}
await import(entry.href);
