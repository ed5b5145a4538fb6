import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { runRbac } from './rbac.command.js';
import type { CliIo } from './validate.command.js';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

const yamlObjects = (text: string) =>
  parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter(Boolean);

describe(runRbac.name, () => {
  it('prints one Role for the shipped scenarios (all in shop) and the ClusterRole, skipping scenarios/invalid', async () => {
    const io = capture();
    expect(await runRbac({ scenarios: ['scenarios'] }, io)).toBe(0);
    expect(io.err).toBe('');
    const objects = yamlObjects(io.out);
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace ?? '-'}`)).toEqual(['Role shop', 'ClusterRole -']);
    const role = objects[0];
    expect(role.rules).toContainEqual({ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] });
    expect(role.metadata.annotations['firedrill.dev/derived-from']).toContain('payment-pod-kill');
    expect(objects[1].rules).toEqual([{ apiGroups: [''], resources: ['namespaces'], verbs: ['get'] }]);
    expect(io.out).not.toContain('*a'); // no YAML aliases: kubectl applies each document on its own
  });

  it('prints a v1 List as JSON, with bindings for a named ServiceAccount and the override namespace', async () => {
    const io = capture();
    const code = await runRbac(
      {
        scenarios: ['scenarios/payment-pod-kill.yaml'],
        format: 'json',
        namespaceOverride: 'practice',
        serviceAccount: 'firedrill/firedrill',
        name: 'drill',
      },
      io,
    );
    expect(code).toBe(0);
    const list = JSON.parse(io.out);
    expect(list.kind).toBe('List');
    expect(list.items.map((o: any) => `${o.kind} ${o.metadata.namespace ?? '-'}/${o.metadata.name}`)).toEqual([
      'Role practice/drill',
      'RoleBinding practice/drill',
      'ClusterRole -/drill',
      'ClusterRoleBinding -/drill',
    ]);
    expect(list.items[1].subjects).toEqual([{ kind: 'ServiceAccount', name: 'firedrill', namespace: 'firedrill' }]);
    // A pod kill plus a kubernetes probe: no ConfigMap or Service access at all.
    expect(list.items[0].rules.map((r: any) => r.resources[0]).sort()).toEqual(['deployments', 'pods', 'replicasets']);
  });

  it('exits 1 with every error of an invalid file named explicitly, and prints no manifest', async () => {
    const io = capture();
    expect(await runRbac({ scenarios: ['scenarios/invalid/unknown-target.yaml', 'scenarios/payment-latency.yaml'] }, io)).toBe(1);
    const expected = readFileSync('scenarios/invalid/unknown-target.expected.txt', 'utf8').split('\n').filter(Boolean);
    for (const line of expected) expect(io.err).toContain(line);
    expect(io.err).toContain('1 invalid file');
    expect(io.out).toBe('');
  });

  it('exits 1 for an invalid file in a scanned directory outside invalid/', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-rbac-'));
    mkdirSync(join(dir, 'invalid'));
    writeFileSync(join(dir, 'invalid', 'ignored.yaml'), 'not: [valid');
    writeFileSync(join(dir, 'ok.yaml'), readFileSync('scenarios/payment-pod-kill.yaml'));
    const clean = capture();
    expect(await runRbac({ scenarios: [dir] }, clean)).toBe(0);
    writeFileSync(join(dir, 'broken.yaml'), 'kind: Scenario\n');
    const io = capture();
    expect(await runRbac({ scenarios: [dir] }, io)).toBe(1);
    expect(io.err).toContain(join(dir, 'broken.yaml'));
    expect(io.err).not.toContain('ignored.yaml');
  });

  it.each([
    [{}, '--scenarios is required'],
    [{ scenarios: ['scenarios'], format: 'xml' }, '--format must be yaml or json, got "xml"'],
    [{ scenarios: ['scenarios/nope'] }, 'cannot read scenarios/nope: no such file or directory'],
    [{ scenarios: ['scenarios'], namespaceOverride: 'Not_A_Namespace' }, '--namespace-override must be a namespace name'],
    [{ scenarios: ['scenarios'], serviceAccount: 'firedrill' }, '--service-account must be <namespace>/<name>'],
  ])('exits 2 on usage errors: %j', async (options, message) => {
    const io = capture();
    expect(await runRbac(options, io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.out).toBe('');
  });
});
