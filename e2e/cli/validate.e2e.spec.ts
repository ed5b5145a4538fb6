import { readdirSync } from 'node:fs';
import path from 'node:path';
import { CLI_ENTRY, requireBuild, ROOT, runNode } from '../server/process.js';

const shipped = readdirSync(path.join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => `scenarios/${f}`);

describe('firedrill validate and plan (built CLI)', () => {
  beforeAll(() => requireBuild());

  it('accepts every shipped scenario', async () => {
    expect(shipped.length).toBeGreaterThanOrEqual(6);
    const result = await runNode([CLI_ENTRY, 'validate', ...shipped]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('all valid');
  });

  it('rejects the invalid fixtures with file:line:column lines', async () => {
    const result = await runNode([CLI_ENTRY, 'validate', 'scenarios/invalid/']);
    expect(result.code).toBe(1);
    const output = result.stdout + result.stderr;
    expect(output).toMatch(/^scenarios\/invalid\/unknown-target\.yaml:\d+:\d+: spec\.steps\[\d+\]\.podKill\.target: unknown target/m);
    expect(output).toMatch(/^scenarios\/invalid\/config-change-deployment\.yaml:\d+:\d+: /m);
  });

  it('exits 2 for a file that does not exist', async () => {
    const result = await runNode([CLI_ENTRY, 'validate', 'scenarios/no-such-file.yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no-such-file.yaml');
  });

  it('plans a shipped scenario', async () => {
    const result = await runNode([CLI_ENTRY, 'plan', 'scenarios/payment-latency.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('payment-latency');
  });
});
