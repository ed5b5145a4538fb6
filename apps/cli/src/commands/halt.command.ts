import type { Command } from 'commander';
import { ApiClient, ApiError, UnreachableError } from '../client/api-client.js';

export function serverOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'Firedrill server URL (or FIREDRILL_SERVER)', process.env.FIREDRILL_SERVER ?? 'http://localhost:3000')
    .option('--token <token>', 'API token (or FIREDRILL_TOKEN)', process.env.FIREDRILL_TOKEN);
}

/** `firedrill halt`: the global kill switch from a terminal. */
export function registerHaltCommand(program: Command): void {
  serverOptions(
    program
      .command('halt')
      .description('recover every injected fault on the server and block new runs (use --lift to allow runs again)')
      .option('--reason <text>', 'why everything is halted', 'halted from the command line')
      .option('--lift', 'lift the halt')
      .option('--status', 'only show whether a halt is in force'),
  ).action(async (opts: { server: string; token?: string; reason: string; lift?: boolean; status?: boolean }) => {
    if (!opts.token) {
      process.stderr.write('firedrill halt: a token is required (--token or FIREDRILL_TOKEN)\n');
      process.exitCode = 2;
      return;
    }
    const api = new ApiClient(opts.server, opts.token);
    try {
      if (opts.status) {
        const state = await api.request('GET', '/api/v1/halt');
        process.stdout.write(state.halted ? `HALTED since ${state.since} by ${state.by}: ${state.reason}\n` : 'no halt in force\n');
        return;
      }
      if (opts.lift) {
        await api.request('DELETE', '/api/v1/halt');
        process.stdout.write('halt lifted: runs may start again\n');
        return;
      }
      const halt = await api.request('POST', '/api/v1/halt', { reason: opts.reason });
      process.stdout.write(`HALTED: ${halt.reason}; ${halt.abortedRuns} run(s) aborted\n`);
      if (halt.stillInjected?.length) {
        process.stderr.write(`still injected (recovery retrying):\n${halt.stillInjected.map((r: any) => `  ${r.target.kind} ${r.target.namespace}/${r.target.name}: ${r.lastError ?? 'pending'}`).join('\n')}\n`);
        process.exitCode = 4;
      }
    } catch (error) {
      report('halt', error);
    }
  });
}

export function report(command: string, error: unknown): void {
  if (error instanceof UnreachableError) {
    process.stderr.write(`firedrill ${command}: ${error.message}\n`);
    process.exitCode = 5;
  } else if (error instanceof ApiError) {
    process.stderr.write(`firedrill ${command}: ${error.message} (${error.code}, HTTP ${error.status})\n`);
    for (const e of error.errors) process.stderr.write(`  ${e.line ? `${e.line}:${e.column}: ` : ''}${e.path ? `${e.path}: ` : ''}${e.message}\n`);
    process.exitCode = error.status === 503 ? 5 : error.status === 401 || error.status === 403 || error.status === 422 || error.status === 404 ? 2 : 1;
  } else {
    process.stderr.write(`firedrill ${command}: ${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
