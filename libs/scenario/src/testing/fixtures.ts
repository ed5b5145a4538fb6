import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, for specs that read `scenarios/` and `schemas/`. */
export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export const FIXTURE_CATEGORIES = ['structural', 'semantic', 'yaml', 'document', 'file'] as const;
export type FixtureCategory = (typeof FIXTURE_CATEGORIES)[number];

export interface Fixture {
  /** Path relative to the repository root, as used in error lines. */
  file: string;
  text: string;
}

export interface InvalidFixture extends Fixture {
  category: FixtureCategory;
  expectedFile: string;
}

export function shippedScenarios(): Fixture[] {
  return yamlFiles('scenarios');
}

export function invalidFixtures(): InvalidFixture[] {
  return yamlFiles('scenarios/invalid').map((fixture) => {
    const category = /^# category: (\w+)/m.exec(fixture.text)?.[1] as FixtureCategory | undefined;
    if (!category || !FIXTURE_CATEGORIES.includes(category)) throw new Error(`${fixture.file} needs a "# category: …" line`);
    return { ...fixture, category, expectedFile: fixture.file.replace(/\.ya?ml$/, '.expected.txt') };
  });
}

function yamlFiles(dir: string): Fixture[] {
  return readdirSync(join(repoRoot, dir))
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => {
      const file = relative(repoRoot, join(repoRoot, dir, name));
      return { file, text: readFileSync(join(repoRoot, file), 'utf8') };
    });
}
