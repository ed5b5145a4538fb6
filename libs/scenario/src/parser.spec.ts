import { describe, expect, it } from '@jest/globals';
import { ScenarioInvalidError } from './errors.js';
import { formatIssue } from './format.js';
import { loadScenarioText, parseScenarioFile, validateScenarioText } from './parser.js';

const podKill = `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: kill, title: Kill a payment pod, team: payments}
spec:
  hypothesis: {description: Checkout survives.}
  targets:
    payment-pods: {namespace: shop, selector: {matchLabels: {app: payment}}, mode: one}
  steps:
    - {at: 0s, podKill: {target: payment-pods}}
  guardrails: {maxDuration: 10m}
`;

function lines(text: string, file = 'x.yaml'): string[] {
  return parseScenarioFile(text, { file }).errors.map(formatIssue);
}

describe('parseScenarioFile', () => {
  it('returns the typed document of a valid file', () => {
    const { documents, errors } = parseScenarioFile(podKill);
    expect(errors).toEqual([]);
    expect(documents).toHaveLength(1);
    const doc = documents[0]!;
    expect(doc.kind).toBe('Scenario');
    if (doc.kind !== 'Scenario') throw new Error('unreachable');
    expect(doc.spec.targets?.['payment-pods']?.selector.matchLabels).toEqual({ app: 'payment' });
    expect(doc.spec.steps[0]?.podKill?.target).toBe('payment-pods');
  });

  it('reports every error with file, line, column and path, in source order', () => {
    const text = podKill.replace('team: payments', 'team: Payments').replace('at: 0s', 'at: soon').replace('maxDuration: 10m', 'maxDuration: 10m, maxTargest: 2');
    expect(lines(text)).toEqual([
      'x.yaml:3:57: metadata.team: must be a DNS-1123 label (lowercase letters, digits and "-", at most 63 characters, e.g. payment-latency), got "Payments"',
      'x.yaml:9:12: spec.steps[0].at: must be a duration such as 500ms, 30s, 5m or 1h30m, got "soon"',
      'x.yaml:10:34: spec.guardrails.maxTargest: unknown field "maxTargest"; did you mean "maxTargets"?',
    ]);
  });

  it('reports structural and semantic errors together', () => {
    const text = podKill.replace('mode: one', 'mode: one, colour: red').replace('target: payment-pods}}', 'target: payment}}');
    expect(lines(text)).toEqual([
      'x.yaml:7:89: spec.targets.payment-pods.colour: unknown field "colour"',
      'x.yaml:9:26: spec.steps[0].podKill.target: unknown target "payment"; spec.targets has payment-pods',
    ]);
  });

  it('keeps line numbers right in later documents and returns the valid ones', () => {
    const second = podKill.replace('name: kill', 'name: kill-two').replace('maxDuration: 10m', 'maxDuration: ten');
    const { documents, errors } = parseScenarioFile(`${podKill}---\n${second}`, { file: 'multi.yaml' });
    expect(documents.map((d) => d.metadata.name)).toEqual(['kill']);
    expect(errors.map(formatIssue)).toEqual([
      'multi.yaml:21:29: spec.guardrails.maxDuration: must be a duration such as 500ms, 30s, 5m or 1h30m, got "ten"',
    ]);
  });

  it('handles Windows line endings and a byte order mark', () => {
    expect(validateScenarioText(`\uFEFF${podKill.replaceAll('\n', '\r\n')}`)).toEqual([]);
  });

  describe('bad input', () => {
    it('empty file', () => {
      expect(lines('')).toEqual(['x.yaml:1:1: (file): file is empty: expected at least one document with apiVersion, kind, metadata and spec']);
      expect(lines('# only a comment\n---\n')).toEqual(lines(''));
    });

    it('binary file', () => {
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]).toString('latin1');
      expect(lines(png)).toEqual(['x.yaml:2:1: (file): contains the control character U+001A; is this a binary file?']);
      const notUtf8 = Buffer.from([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]).toString('utf8');
      expect(lines(notUtf8)).toEqual(['x.yaml:1:4: (file): is not valid UTF-8 text; is this a binary file?']);
    });

    it('YAML bomb (aliases expanding exponentially)', () => {
      const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
      for (let i = 1; i < 10; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
      const bomb = `apiVersion: firedrill.dev/v1alpha1\nkind: Scenario\nmetadata:\n  tags: *a9\n${levels.map((l) => `  ${l}`).join('\n')}\n`.replace(
        'metadata:\n  tags: *a9\n',
        'metadata:\n',
      );
      const started = Date.now();
      const errors = lines(`${bomb}spec:\n  x: *a9\n`);
      expect(errors).toEqual(['x.yaml:1:1: (document): document expands to more than 100000 nodes through aliases; refusing it (YAML bomb?)']);
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('alias inside its own anchor, and an unknown alias', () => {
      expect(lines('apiVersion: &v [*v]\n').join('\n')).toMatch(/alias|anchor/);
      expect(lines(podKill.replace('description: Checkout survives.', 'description: *nothing'))).toEqual(
        expect.arrayContaining([expect.stringMatching(/x\.yaml:5:\d+: .*nothing/)]),
      );
    });

    it('10 MB file is refused before parsing', () => {
      const huge = `${podKill}# ${'x'.repeat(10 * 1024 * 1024)}\n`;
      expect(lines(huge)).toEqual(['x.yaml:1:1: (file): file is 10.0 MB, more than the 1.0 MB limit']);
    });

    it('deep nesting does not crash the parser', () => {
      const deep = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
      expect(lines(deep)).toEqual(['x.yaml:1:68: (file): nesting is deeper than 64 levels']);
      const block = Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' x\n';
      expect(lines(block)).toEqual([expect.stringMatching(/^x\.yaml:\d+:\d+: \(document\): nesting is deeper than 64 levels$/)]);
    });

    it('tabs used for indentation', () => {
      expect(lines('apiVersion: firedrill.dev/v1alpha1\nkind: Scenario\nmetadata:\n\tname: x\n')).toContain(
        'x.yaml:4:1: (yaml): tabs are not allowed for indentation in YAML; use spaces',
      );
    });

    it('duplicate keys', () => {
      expect(lines(`${podKill}kind: Tabletop\n`)).toEqual(['x.yaml:11:1: (yaml): duplicate key "kind"']);
    });

    it('wrong types everywhere', () => {
      expect(lines('apiVersion: firedrill.dev/v1alpha1\nkind: Scenario\nmetadata: payments\nspec: [1, 2]\n')).toEqual([
        'x.yaml:3:11: metadata: expected a mapping, got the string "payments"',
        'x.yaml:4:7: spec: expected a mapping, got a list',
      ]);
      expect(lines('just a string')).toEqual(['x.yaml:1:1: (document): expected a mapping with apiVersion, kind, metadata and spec, got a single value']);
      expect(lines('kind: 42\n')).toEqual(['x.yaml:1:7: kind: must be one of Scenario, Tabletop, Schedule, got something else']);
    });

    it('keys that are not text', () => {
      expect(lines(`${podKill}? [a, b]\n: c\n`)).toContain('x.yaml:11:3: (document): keys must be plain text');
    });

    it('honours custom limits', () => {
      expect(parseScenarioFile(podKill, { limits: { maxBytes: 100 } }).errors[0]?.message).toMatch(/more than the 100 bytes limit/);
    });
  });
});

describe('loadScenarioText', () => {
  it('returns the documents of a valid file', () => {
    expect(loadScenarioText(podKill)).toHaveLength(1);
  });

  it('throws ScenarioInvalidError carrying every issue', () => {
    let error: unknown;
    try {
      loadScenarioText(podKill.replace('mode: one', 'mode: some').replace('at: 0s', 'at: 0'), { file: 'bad.yaml' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioInvalidError);
    const invalid = error as ScenarioInvalidError;
    expect(invalid.code).toBe('scenario_invalid');
    expect(invalid.errors).toHaveLength(2);
    expect(invalid.errors[0]).toMatchObject({ file: 'bad.yaml', line: 7, path: 'spec.targets.payment-pods.mode' });
    expect(invalid.message).toMatch(/^bad\.yaml is invalid \(2 errors\): bad\.yaml:7:/);
  });
});
