// Regenerates schemas/firedrill.schema.json from libs/scenario/src/schema/language.ts.
// Run from the repository root after `npm run build`: node libs/scenario/scripts/write-schema.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { serializeJsonSchema } = await import(`${root}dist/libs/scenario/src/index.js`);
writeFileSync(`${root}schemas/firedrill.schema.json`, serializeJsonSchema());
console.log('wrote schemas/firedrill.schema.json');
