// Rewrites scenarios/invalid/*.expected.txt from what the validator reports now.
// Review the diff: these files are the contract for error messages.
// Run from the repository root after `npm run build`: node libs/scenario/scripts/write-expected.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { parseScenarioFile, formatIssue } = await import(`${root}dist/libs/scenario/src/index.js`);
for (const name of readdirSync(`${root}scenarios/invalid`).filter((f) => /\.ya?ml$/.test(f)).sort()) {
  const file = `scenarios/invalid/${name}`;
  const { errors } = parseScenarioFile(readFileSync(`${root}${file}`, 'utf8'), { file });
  writeFileSync(`${root}${file.replace(/\.ya?ml$/, '.expected.txt')}`, `${errors.map(formatIssue).join('\n')}\n`);
  console.log(`${file}: ${errors.length} errors`);
}
