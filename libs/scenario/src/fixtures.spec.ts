import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssue } from './format.js';
import { parseScenarioFile } from './parser.js';
import { invalidFixtures, repoRoot, shippedScenarios } from './testing/fixtures.js';

// After an intended message change: npm run build && node libs/scenario/scripts/write-expected.mjs, then review the diff.

describe('scenario fixtures', () => {
  describe('shipped scenarios', () => {
    const scenarios = shippedScenarios();

    it('ships at least six scenarios', () => {
      expect(scenarios.length).toBeGreaterThanOrEqual(6);
    });

    it.each(scenarios)('$file is valid and points editors at the schema', (scenario) => {
      const { documents, errors } = parseScenarioFile(scenario.text, { file: scenario.file });
      expect(errors.map(formatIssue)).toEqual([]);
      expect(documents.length).toBeGreaterThan(0);
      expect(scenario.text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/firedrill.schema.json');
    });
  });

  describe('invalid fixtures', () => {
    const fixtures = invalidFixtures();

    it('has at least fifteen broken files', () => {
      expect(fixtures.length).toBeGreaterThanOrEqual(15);
    });

    it.each(fixtures)('$file reports exactly the expected errors', (fixture) => {
      const actual = parseScenarioFile(fixture.text, { file: fixture.file }).errors.map(formatIssue);
      const expectedPath = join(repoRoot, fixture.expectedFile);
      expect(existsSync(expectedPath)).toBe(true);
      const expected = readFileSync(expectedPath, 'utf8').split('\n').filter(Boolean);
      expect(actual.length).toBeGreaterThan(0);
      expect(actual).toEqual(expected);
    });
  });
});
