import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FieldIssue } from '#contracts';
import { DEFAULT_LIMITS, formatIssue, parseScenarioFile, type ScenarioDocument } from '#scenario';
import type { Command } from 'commander';

/** Where a command writes; tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

export const FORMATS = ['text', 'json'] as const;
export type OutputFormat = (typeof FORMATS)[number];

export class UsageError extends Error {}

export function parseFormat(value: string | undefined): OutputFormat {
  const format = value ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be text or json, got "${format}"`);
  return format as OutputFormat;
}

export interface LoadedFile {
  file: string;
  documents: ScenarioDocument[];
  locations: { line: number; column: number }[];
  errors: FieldIssue[];
}

/** Reads and parses one file; unreadable files throw UsageError (exit 2), bad content comes back as errors. */
export async function loadFile(file: string): Promise<LoadedFile> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${reason(error)}`);
  }
  if (size > DEFAULT_LIMITS.maxBytes) {
    // Refuse before reading: the parser would say the same, after loading the whole thing.
    const mb = (size / (1024 * 1024)).toFixed(1);
    const limit = (DEFAULT_LIMITS.maxBytes / (1024 * 1024)).toFixed(1);
    return { file, documents: [], locations: [], errors: [{ file, line: 1, column: 1, path: '(file)', message: `file is ${mb} MB, more than the ${limit} MB limit` }] };
  }
  let text: string;
  try {
    text = (await readFile(file)).toString('utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${reason(error)}`);
  }
  return { file, ...parseScenarioFile(text, { file }) };
}

/** Expands directories into their .yaml/.yml files (recursively, sorted, skipping hidden folders and node_modules). */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new UsageError(`cannot read ${path}: ${reason(error)}`);
    }
    if (info.isDirectory()) {
      const found = await walk(path);
      if (found.length === 0) throw new UsageError(`${path} holds no .yaml or .yml files`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  return [...new Set(files)];
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

/** Names are unique per kind across every file validated together, as they will be on the server. */
function crossFileDuplicates(files: LoadedFile[]): void {
  const seen = new Map<string, string>();
  for (const loaded of files) {
    loaded.documents.forEach((doc, i) => {
      const key = `${doc.kind}/${doc.metadata.name}`;
      const where = `${loaded.file}:${loaded.locations[i]?.line ?? 1}`;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, where);
        return;
      }
      loaded.errors.push({
        file: loaded.file,
        line: loaded.locations[i]?.line ?? 1,
        column: loaded.locations[i]?.column ?? 1,
        path: 'metadata.name',
        message: `duplicate ${doc.kind} name "${doc.metadata.name}"; also defined at ${first}`,
      });
    });
  }
}

/** `firedrill validate`: 0 when every file is valid, 1 when any is not, 2 on usage errors and unreadable files. */
export async function runValidate(paths: readonly string[], options: { format?: string }, io: CliIo = processIo): Promise<number> {
  let format: OutputFormat;
  let loaded: LoadedFile[];
  try {
    format = parseFormat(options.format);
    if (paths.length === 0) throw new UsageError('name at least one file or directory, e.g. firedrill validate scenarios/');
    const files = await collectFiles(paths);
    loaded = [];
    for (const file of files) loaded.push(await loadFile(file));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`firedrill validate: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  crossFileDuplicates(loaded);

  const invalid = loaded.filter((f) => f.errors.length > 0);
  const errorCount = invalid.reduce((n, f) => n + f.errors.length, 0);
  const documentCount = loaded.reduce((n, f) => n + f.documents.length, 0);
  if (format === 'json') {
    const report = {
      valid: invalid.length === 0,
      errorCount,
      files: loaded.map((f) => ({
        file: f.file,
        valid: f.errors.length === 0,
        documents: f.documents.map((d) => ({ kind: d.kind, name: d.metadata.name })),
        errors: f.errors,
      })),
    };
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    for (const f of loaded) {
      if (f.errors.length === 0) io.stdout(`ok  ${f.file} (${f.documents.map((d) => `${d.kind} ${d.metadata.name}`).join(', ')})\n`);
      else io.stderr(f.errors.map((e) => `${formatIssue(e)}\n`).join(''));
    }
    const files = `${loaded.length} ${loaded.length === 1 ? 'file' : 'files'}`;
    if (invalid.length === 0) io.stdout(`${files}, ${documentCount} ${documentCount === 1 ? 'document' : 'documents'}: all valid\n`);
    else io.stderr(`${invalid.length} of ${files} invalid, ${errorCount} ${errorCount === 1 ? 'error' : 'errors'}\n`);
  }
  return invalid.length === 0 ? EXIT_OK : EXIT_INVALID;
}

export function registerValidateCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('validate')
    .description('check scenario, tabletop and schedule files; prints every error as file:line:column: path: message')
    .argument('[paths...]', 'files or directories (searched recursively for .yaml/.yml)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (paths: string[], options: { format?: string }) => {
      process.exitCode = await runValidate(paths, options, io);
    });
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return error instanceof Error ? error.message : String(error);
}
