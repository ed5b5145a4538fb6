import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Command } from 'commander';
import { registerValidateCommand, runValidate, type CliIo } from './validate.command.js';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
  };
  return io;
}

const shipped = ['scenarios/payment-latency.yaml', 'scenarios/db-primary-down.yaml', 'scenarios/weekday-payment-chaos.yaml'];

describe('runValidate', () => {
  it('exits 0 and lists each valid file', async () => {
    const io = capture();
    expect(await runValidate(shipped, {}, io)).toBe(0);
    expect(io.out).toContain('ok  scenarios/payment-latency.yaml (Scenario payment-latency)');
    expect(io.out).toContain('3 files, 3 documents: all valid');
    expect(io.err).toBe('');
  });

  it('exits 1 and prints every error of every file to stderr', async () => {
    const io = capture();
    const files = ['scenarios/invalid/bad-duration.yaml', 'scenarios/invalid/unknown-target.yaml', 'scenarios/payment-latency.yaml'];
    expect(await runValidate(files, {}, io)).toBe(1);
    const expected = [...readFileSync('scenarios/invalid/bad-duration.expected.txt', 'utf8').split('\n'), ...readFileSync('scenarios/invalid/unknown-target.expected.txt', 'utf8').split('\n')].filter(Boolean);
    for (const line of expected) expect(io.err).toContain(line);
    expect(io.err).toContain('2 of 3 files invalid, 6 errors');
  });

  it('walks directories recursively', async () => {
    const io = capture();
    expect(await runValidate(['scenarios'], { format: 'json' }, io)).toBe(1);
    const report = JSON.parse(io.out) as { valid: boolean; files: { file: string; valid: boolean }[] };
    expect(report.valid).toBe(false);
    expect(report.files.find((f) => f.file === join('scenarios', 'payment-latency.yaml'))?.valid).toBe(true);
    expect(report.files.find((f) => f.file === join('scenarios', 'invalid', 'tabs.yaml'))?.valid).toBe(false);
  });

  it('reports JSON with documents and positioned errors', async () => {
    const io = capture();
    expect(await runValidate(['scenarios/invalid/unknown-probe.yaml', 'scenarios/db-primary-down.yaml'], { format: 'json' }, io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.errorCount).toBe(2);
    expect(report.files[0].errors[0]).toEqual({
      file: 'scenarios/invalid/unknown-probe.yaml',
      line: 20,
      column: 10,
      path: 'spec.guardrails.abortWhen[0].probe',
      message: 'unknown probe "checkout-upp"; did you mean "checkout-up"?',
    });
    expect(report.files[1].documents).toEqual([{ kind: 'Tabletop', name: 'db-primary-down' }]);
  });

  it('refuses the same name for two documents of a kind across files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-validate-'));
    const text = readFileSync('scenarios/payment-pod-kill.yaml', 'utf8');
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), text);
    const io = capture();
    expect(await runValidate([dir], {}, io)).toBe(1);
    expect(io.err).toContain(`${join(dir, 'b.yaml')}:7:3: metadata.name: duplicate Scenario name "payment-pod-kill"; also defined at ${join(dir, 'a.yaml')}:7`);
  });

  it.each([
    [[], {}, 'name at least one file or directory'],
    [['scenarios/nope.yaml'], {}, 'cannot read scenarios/nope.yaml: no such file or directory'],
    [shipped, { format: 'xml' }, '--format must be text or json, got "xml"'],
  ])('exits 2 on usage errors: %j %j', async (paths, options, message) => {
    const io = capture();
    expect(await runValidate(paths, options, io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.out).toBe('');
  });

  it('reports a file over the size limit without reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'firedrill-validate-'));
    const big = join(dir, 'big.yaml');
    writeFileSync(big, Buffer.alloc(10 * 1024 * 1024, 0x61));
    const io = capture();
    expect(await runValidate([big], {}, io)).toBe(1);
    expect(io.err).toContain(`${big}:1:1: (file): file is 10.0 MB, more than the 1.0 MB limit`);
  });
});

describe('registerValidateCommand', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('adds `validate` to the program and sets the exit code instead of exiting', async () => {
    const io = capture();
    const program = new Command().exitOverride();
    registerValidateCommand(program, io);
    await program.parseAsync(['node', 'firedrill', 'validate', 'scenarios/invalid/tabs.yaml', '--format', 'text']);
    expect(process.exitCode).toBe(1);
    expect(io.err).toContain('scenarios/invalid/tabs.yaml:6:1: (yaml): tabs are not allowed for indentation in YAML; use spaces');
  });
});
