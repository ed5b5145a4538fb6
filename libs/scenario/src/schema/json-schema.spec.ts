import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { parseAllDocuments } from 'yaml';
import { parseScenarioFile } from '../parser.js';
import { invalidFixtures, repoRoot, shippedScenarios } from '../testing/fixtures.js';
import { buildJsonSchema, serializeJsonSchema } from './json-schema.js';

// After changing language.ts: npm run build && node libs/scenario/scripts/write-schema.mjs
const schemaPath = join(repoRoot, 'schemas/firedrill.schema.json');

function compile() {
  const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')) as object);
}

function documentsOf(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS({ maxAliasCount: 100 }) as unknown)
    .filter((value) => value !== null && value !== undefined);
}

describe('buildJsonSchema', () => {
  it('matches schemas/firedrill.schema.json (regenerate with libs/scenario/scripts/write-schema.mjs)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(serializeJsonSchema());
  });

  it('is a valid draft 2020-12 schema that Ajv compiles in strict mode', () => {
    expect(buildJsonSchema()['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof compile()).toBe('function');
  });

  describe('agrees with the validator', () => {
    const validate = compile();

    it.each(shippedScenarios())('$file passes both', (scenario) => {
      expect(parseScenarioFile(scenario.text, { file: scenario.file }).errors).toEqual([]);
      for (const doc of documentsOf(scenario.text)) {
        expect(validate(doc) ? [] : validate.errors).toEqual([]);
      }
    });

    const fixtures = invalidFixtures();
    const structural = fixtures.filter((f) => f.category === 'structural');
    const semantic = fixtures.filter((f) => f.category === 'semantic');

    it.each(structural)('$file (structural) fails both', (fixture) => {
      expect(parseScenarioFile(fixture.text, { file: fixture.file }).errors.length).toBeGreaterThan(0);
      expect(documentsOf(fixture.text).some((doc) => !validate(doc))).toBe(true);
    });

    // Semantic fixtures are structurally fine: the schema accepts them, only the validator's rules catch them.
    it.each(semantic)('$file (semantic only) passes the schema but not the validator', (fixture) => {
      expect(parseScenarioFile(fixture.text, { file: fixture.file }).errors.length).toBeGreaterThan(0);
      for (const doc of documentsOf(fixture.text)) {
        expect(validate(doc) ? [] : validate.errors).toEqual([]);
      }
    });
  });
});
