// Time from process start to /readyz 200: cold (first start, initdb) and warm
// (data directory exists). Medians of several runs. Usage: npm run bench:startup [-- runs]
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const entry = path.join(root, 'dist/apps/server/src/main.js');
const runs = Number(process.argv[2] ?? 5);

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startOnce(dataDir, pgPort) {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', FIREDRILL_DATA_DIR: dataDir, FIREDRILL_EMBEDDED_PG_PORT: String(pgPort), LOG_LEVEL: 'warn', FIREDRILL_ADMIN_TOKEN: 'bench-admin-token-0123456789' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 10));
  }
  const elapsed = performance.now() - t0;
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
  return elapsed;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
for (let i = 0; i < runs; i++) {
  const parent = mkdtempSync(path.join(os.tmpdir(), 'firedrill-bench-'));
  chmodSync(parent, 0o755);
  const pgPort = await freePort();
  cold.push(await startOnce(parent, pgPort));
  warm.push(await startOnce(parent, pgPort));
  rmSync(parent, { recursive: true, force: true });
}
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
console.log(`startup to /readyz 200 over ${runs} runs (median; min-max)`);
console.log(`  cold (initdb + migrations): ${fmt(median(cold))}  (${fmt(Math.min(...cold))}-${fmt(Math.max(...cold))})`);
console.log(`  warm (data dir exists):     ${fmt(median(warm))}  (${fmt(Math.min(...warm))}-${fmt(Math.max(...warm))})`);
