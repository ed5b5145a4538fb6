import { stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { rbacManifests, requiredAccess, type RbacManifestOptions } from '#chaos';
import { formatIssue, type Scenario } from '#scenario';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import {
  EXIT_INVALID,
  EXIT_OK,
  EXIT_USAGE,
  UsageError,
  collectFiles,
  loadFile,
  processIo,
  type CliIo,
  type LoadedFile,
} from './validate.command.js';

export interface RbacOptions {
  scenarios?: string[];
  namespaceOverride?: string;
  format?: string;
  name?: string;
  serviceAccount?: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Directories are walked for .yaml files, except `invalid/` folders (the parser's failing fixtures). */
async function scenarioFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const path of paths) {
    const files = await collectFiles([path]);
    const isDir = (await stat(path)).isDirectory();
    out.push(...(isDir ? files.filter((f) => !relative(path, f).split(sep).includes('invalid')) : files));
  }
  return [...new Set(out)];
}

function parseOptions(options: RbacOptions): { format: 'yaml' | 'json'; manifest: RbacManifestOptions } {
  const format = options.format ?? 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new UsageError(`--format must be yaml or json, got "${format}"`);
  if (!options.scenarios?.length) throw new UsageError('--scenarios is required, e.g. firedrill rbac --scenarios scenarios/');
  if (options.namespaceOverride !== undefined && !DNS_LABEL.test(options.namespaceOverride)) {
    throw new UsageError(
      `--namespace-override must be a namespace name (lowercase letters, digits and '-'), got "${options.namespaceOverride}"`,
    );
  }
  const name = options.name ?? 'firedrill-chaos';
  if (!DNS_SUBDOMAIN.test(name)) throw new UsageError(`--name must be a lowercase DNS name, got "${name}"`);
  const manifest: RbacManifestOptions = { name };
  if (options.serviceAccount !== undefined) {
    const [ns, sa, ...rest] = options.serviceAccount.split('/');
    if (!ns || !sa || rest.length > 0 || !DNS_LABEL.test(ns) || !DNS_SUBDOMAIN.test(sa)) {
      throw new UsageError(`--service-account must be <namespace>/<name>, got "${options.serviceAccount}"`);
    }
    manifest.serviceAccount = { namespace: ns, name: sa };
  }
  return { format, manifest };
}

/**
 * `firedrill rbac`: the least Kubernetes access a set of scenarios needs, as
 * Roles (one per target namespace) and the one cluster-scoped read. Exit 0
 * with manifests on stdout, 1 when a file is invalid (its errors on stderr),
 * 2 on usage errors.
 */
export async function runRbac(options: RbacOptions, io: CliIo = processIo): Promise<number> {
  let format: 'yaml' | 'json';
  let manifest: RbacManifestOptions;
  const loaded: LoadedFile[] = [];
  try {
    ({ format, manifest } = parseOptions(options));
    for (const file of await scenarioFiles(options.scenarios!)) loaded.push(await loadFile(file));
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`firedrill rbac: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  const invalid = loaded.filter((f) => f.errors.length > 0);
  if (invalid.length > 0) {
    for (const f of invalid) io.stderr(f.errors.map((e) => `${formatIssue(e)}\n`).join(''));
    io.stderr(
      `firedrill rbac: ${invalid.length} invalid ${invalid.length === 1 ? 'file' : 'files'}; fix them (see firedrill validate) before deriving RBAC\n`,
    );
    return EXIT_INVALID;
  }
  const scenarios = loaded.flatMap((f) => f.documents).filter((d): d is Scenario => d.kind === 'Scenario');
  const access = requiredAccess(scenarios, { namespaceOverride: options.namespaceOverride });
  const objects = rbacManifests(access, manifest);
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }, null, 2)}\n`);
  } else {
    const header = `# Least-privilege RBAC for ${scenarios.length} scenario(s) in ${access.namespaces.length} namespace(s), from: firedrill rbac\n`;
    io.stdout(header + objects.map((o) => `---\n${stringify(o, { aliasDuplicateObjects: false })}`).join(''));
  }
  if (objects.length === 0) io.stderr('firedrill rbac: no scenario touches the cluster; no access needed\n');
  return EXIT_OK;
}

export function registerRbacCommand(program: Command, io: CliIo = processIo): void {
  program
    .command('rbac')
    .description('print the least-privilege Roles (one per target namespace) that a set of scenarios needs')
    .option('--scenarios <paths...>', 'scenario files or directories (directories are searched recursively, skipping invalid/)')
    .option('--namespace-override <namespace>', 'treat every target as being in this namespace')
    .option('--format <format>', 'yaml or json (a v1 List)', 'yaml')
    .option('--name <name>', 'name of the Roles, the ClusterRole and the bindings', 'firedrill-chaos')
    .option('--service-account <namespace/name>', 'also bind the rules to this ServiceAccount')
    .action(async (options: RbacOptions) => {
      process.exitCode = await runRbac(options, io);
    });
}
