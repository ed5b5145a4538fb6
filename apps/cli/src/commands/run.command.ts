import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { formatIssue, parseDuration, parseScenarioFile, type Scenario } from '#scenario';
import { ApiClient, ApiError, UnreachableError } from '../client/api-client.js';
import { evaluateRun, RUN_EXIT, toJunit } from '../run/outcome.js';

interface RunOptions {
  server: string;
  token?: string;
  wait?: boolean;
  timeout: string;
  junit?: string;
  json?: string;
  dryRun?: boolean;
  local?: boolean;
  kubeconfig?: string;
}

const FINAL = ['completed', 'aborted', 'failed'];

/**
 * `firedrill run`: for pipelines. Uploads the scenario when given a file,
 * starts the run, streams its timeline and exits with a code a CI system can
 * act on (see RUN_EXIT). Ctrl-C aborts the run and waits for recovery.
 */
export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a scenario (file or stored name) and exit 0 held / 1 broken / 2 usage / 3 aborted / 4 recovery failed / 5 unreachable')
    .argument('<scenario>', 'a scenario YAML file, or the name of a scenario stored on the server')
    .option('--server <url>', 'Firedrill server URL (or FIREDRILL_SERVER)', process.env.FIREDRILL_SERVER ?? 'http://localhost:3000')
    .option('--token <token>', 'API token with the facilitator role (or FIREDRILL_TOKEN)', process.env.FIREDRILL_TOKEN)
    .option('--wait', 'wait for the run to end and report its outcome', false)
    .option('--timeout <duration>', 'with --wait: abort the run if it takes longer', '15m')
    .option('--junit <file>', 'write a JUnit XML report')
    .option('--json <file>', 'write the run and its outcome as JSON')
    .option('--dry-run', 'resolve and record targets without touching the cluster')
    .option('--local', 'run the engine in this process with an embedded PostgreSQL (no server needed)')
    .option('--kubeconfig <path>', 'with --local: the cluster to practise on (default KUBECONFIG)', process.env.KUBECONFIG)
    .action(async (scenarioArg: string, opts: RunOptions) => {
      process.exitCode = await runCommand(scenarioArg, opts);
    });
}

async function runCommand(scenarioArg: string, opts: RunOptions): Promise<number> {
  let timeoutMs: number;
  try {
    timeoutMs = parseDuration(opts.timeout);
  } catch {
    return usage(`--timeout must be a duration such as 15m or 90s, got "${opts.timeout}"`);
  }
  const isFile = existsSync(scenarioArg);
  let yaml: string | null = null;
  let scenarioName = scenarioArg;
  let team: string | undefined;
  if (isFile) {
    try {
      yaml = readFileSync(scenarioArg, 'utf8');
    } catch (error) {
      return usage(`cannot read ${scenarioArg}: ${(error as Error).message}`);
    }
    const parsed = parseScenarioFile(yaml, { file: scenarioArg });
    if (parsed.errors.length) {
      process.stderr.write(parsed.errors.map((e) => formatIssue(e)).join('\n') + '\n');
      return usage(`${scenarioArg} is not a valid scenario (${parsed.errors.length} error(s))`);
    }
    const scenarios = parsed.documents.filter((d): d is Scenario => d.kind === 'Scenario');
    if (scenarios.length !== 1) return usage(`${scenarioArg} must hold exactly one Scenario document (found ${scenarios.length})`);
    scenarioName = scenarios[0]!.metadata.name;
    team = scenarios[0]!.metadata.team;
  } else if (/[/\\]|\.ya?ml$/.test(scenarioArg)) {
    return usage(`${scenarioArg}: no such file`);
  }

  let local: LocalEngine | null = null;
  let server = opts.server;
  let token = opts.token;
  if (opts.local) {
    if (!opts.kubeconfig && !opts.dryRun) return usage('--local needs --kubeconfig (or KUBECONFIG) for the cluster to practise on');
    try {
      local = await startLocalEngine(opts.kubeconfig);
    } catch (error) {
      process.stderr.write(`firedrill run: could not start the local engine: ${(error as Error).message}\n`);
      return RUN_EXIT.unreachable;
    }
    server = local.url;
    token = local.token;
  }
  if (!token) return usage('a token is required (--token or FIREDRILL_TOKEN)');
  const api = new ApiClient(server, token);
  try {
    if (yaml) {
      if (local && team) await api.request('POST', '/api/v1/teams', { slug: team, name: team }).catch(() => undefined);
      const saved = await api.request('POST', '/api/v1/scenarios', yaml, 'application/yaml');
      process.stderr.write(`scenario ${saved.name} v${saved.version} uploaded\n`);
    }
    const created = await api.request('POST', '/api/v1/runs', { scenario: scenarioName, dryRun: opts.dryRun ?? false, trigger: 'ci' });
    process.stderr.write(`run ${created.id} started (${created.state})\n`);
    if (!opts.wait && !opts.local && !opts.junit && !opts.json) {
      process.stdout.write(`${created.id}\n`);
      return RUN_EXIT.ok;
    }
    const run = await follow(api, created.id, timeoutMs);
    const outcome = evaluateRun(run);
    for (const v of outcome.verdicts) process.stderr.write(`${v.passed ? 'PASS' : 'FAIL'} ${v.name}: ${v.message}\n`);
    process.stdout.write(`${outcome.summary}\n`);
    if (opts.junit) writeFileSync(opts.junit, toJunit(run, outcome));
    if (opts.json) writeFileSync(opts.json, JSON.stringify({ outcome, run }, null, 2));
    return outcome.exitCode;
  } catch (error) {
    if (error instanceof UnreachableError) {
      process.stderr.write(`firedrill run: ${error.message}\n`);
      return RUN_EXIT.unreachable;
    }
    if (error instanceof ApiError) {
      process.stderr.write(`firedrill run: ${error.message} (${error.code})\n`);
      for (const e of error.errors) process.stderr.write(`  ${e.line ? `${e.line}:${e.column}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}\n`);
      if (error.code === 'halt_in_force') return RUN_EXIT.aborted;
      if (error.status === 503) return RUN_EXIT.unreachable;
      return RUN_EXIT.usage;
    }
    process.stderr.write(`firedrill run: ${(error as Error).message}\n`);
    return RUN_EXIT.hypothesisBroken;
  } finally {
    await local?.stop();
  }
}

/** Streams the timeline until the run ends; Ctrl-C or the timeout abort it and wait for recovery. */
async function follow(api: ApiClient, id: string, timeoutMs: number): Promise<any> {
  let lastId: string | undefined;
  let abortRequested: string | null = null;
  const onSigint = () => {
    if (abortRequested) return;
    abortRequested = 'interrupted (Ctrl-C)';
    process.stderr.write('\ninterrupted: aborting the run and waiting for its faults to be recovered…\n');
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let aborted = false;
  try {
    for (;;) {
      if (!aborted && !abortRequested && Date.now() - started > timeoutMs) abortRequested = `timed out after ${Math.round(timeoutMs / 1000)}s`;
      if (abortRequested && !aborted) {
        aborted = true;
        await api.request('POST', `/api/v1/runs/${id}/abort`, { reason: abortRequested }).catch(() => undefined);
      }
      const timeline = await api.request('GET', `/api/v1/runs/${id}/timeline${lastId ? `?after=${lastId}` : ''}`);
      for (const e of timeline.items as any[]) {
        if (e.id.startsWith('signal:')) continue;
        if (tty) process.stderr.write('\r\x1b[K');
        process.stderr.write(`${e.at.slice(11, 19)}  ${e.kind.padEnd(16)} ${e.title}\n`);
        lastId = e.id;
      }
      const run = await api.request('GET', `/api/v1/runs/${id}`);
      if (FINAL.includes(run.state)) {
        if (tty) process.stderr.write('\r\x1b[K');
        return run;
      }
      if (tty) process.stderr.write(`\r\x1b[K${spinner(Date.now())} ${run.state} ${Math.round((Date.now() - started) / 1000)}s`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const spinner = (now: number) => FRAMES[Math.floor(now / 100) % FRAMES.length];

function usage(message: string): number {
  process.stderr.write(`firedrill run: ${message}\n`);
  return RUN_EXIT.usage;
}

interface LocalEngine {
  url: string;
  token: string;
  stop(): Promise<void>;
}

/** The server, in this process, on an embedded PostgreSQL in a temporary directory. */
async function startLocalEngine(kubeconfig: string | undefined): Promise<LocalEngine> {
  const [{ loadConfig }, { startEmbeddedDatabase }, { startServer }, { pino }] = await Promise.all([
    import('#config'),
    import('#persistence'),
    import('../../../server/src/bootstrap.js'),
    import('pino'),
  ]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'firedrill-local-'));
  chmodSync(dir, 0o755);
  const db = await startEmbeddedDatabase({ dir: path.join(dir, 'postgres'), port: await freePort(), persistent: false });
  const token = `local-${randomBytes(16).toString('hex')}`;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    FIREDRILL_DATA_DIR: dir,
    FIREDRILL_ADMIN_TOKEN: token,
    FIREDRILL_SCENARIOS_DIR: path.join(dir, 'no-scenarios'),
    FIREDRILL_SWEEP_INTERVAL: '1000',
    LOG_LEVEL: 'warn',
    ...(kubeconfig ? { KUBECONFIG: kubeconfig } : {}),
  });
  const server = await startServer(config, pino({ level: 'warn' }, pino.destination(2)));
  await server.database.whenReady();
  return {
    url: server.url,
    token,
    stop: async () => {
      await server.close();
      await db.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
