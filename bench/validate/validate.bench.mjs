// Validates 1,000 scenario files (the shipped scenarios, renamed) several times
// and prints the median. Run from the repository root after `npm run build`:
//   node bench/validate/validate.bench.mjs [runs]
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { parseScenarioFile } = await import(join(root, 'dist/libs/scenario/src/index.js')).catch(() => {
  console.error('bench/validate: build first (npm run build); dist/libs/scenario is missing');
  process.exit(2);
});

const FILES = 1000;
const runs = Number(process.argv[2] ?? 7);

const sources = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort()
  .map((f) => readFileSync(join(root, 'scenarios', f), 'utf8'));

const dir = mkdtempSync(join(tmpdir(), 'firedrill-bench-validate-'));
mkdirSync(dir, { recursive: true });
const files = [];
let bytes = 0;
for (let i = 0; i < FILES; i++) {
  // Distinct names so nothing is trivially identical; same shapes as real files.
  const text = sources[i % sources.length].replace(/^( {2}name: |metadata: \{name: )([a-z0-9-]+)/m, `$1$2-${i}`);
  const file = join(dir, `scenario-${String(i).padStart(4, '0')}.yaml`);
  writeFileSync(file, text);
  files.push(file);
  bytes += Buffer.byteLength(text);
}

async function once() {
  const started = performance.now();
  let errors = 0;
  let documents = 0;
  for (const file of files) {
    const result = parseScenarioFile(await readFile(file, 'utf8'), { file });
    errors += result.errors.length;
    documents += result.documents.length;
  }
  return { ms: performance.now() - started, errors, documents };
}

await once(); // warm-up: JIT, file cache
const timings = [];
for (let r = 0; r < runs; r++) {
  const { ms, errors, documents } = await once();
  if (errors !== 0 || documents !== FILES) throw new Error(`expected ${FILES} valid documents, got ${documents} and ${errors} errors`);
  timings.push(ms);
}
rmSync(dir, { recursive: true, force: true });

timings.sort((a, b) => a - b);
const median = timings[Math.floor(timings.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;
console.log(`validate: ${FILES} files (${(bytes / 1024).toFixed(0)} KB), ${runs} runs`);
console.log(`  median ${fmt(median)} (${(median / FILES).toFixed(2)} ms/file), min ${fmt(timings[0])}, max ${fmt(timings.at(-1))}`);
console.log(`  goal under 2000 ms: ${median < 2000 ? 'met' : 'NOT met'}`);
