import type { Command } from 'commander';
import { parseDuration } from '#scenario';
import { parseHostPort, startDelayProxy } from '../proxy/delay-proxy.js';

/** `firedrill proxy`: the delay proxy deployed by latency and HTTP faults. */
export function registerProxyCommand(program: Command): void {
  program
    .command('proxy')
    .description('run a delay/abort proxy in front of an upstream (used by latency and httpFault faults)')
    .requiredOption('--listen <host:port>', 'address to listen on')
    .requiredOption('--upstream <host:port>', 'where traffic goes')
    .option('--delay <duration>', 'delay per connection (tcp) or request (http), e.g. 3s or 250ms', '0ms')
    .option('--jitter <duration>', 'random ± variation of the delay', '0ms')
    .option('--mode <tcp|http>', 'tcp delays connections; http delays requests and can abort some', 'tcp')
    .option('--abort-percent <0-100>', 'http mode: share of requests answered with --abort-status', '0')
    .option('--abort-status <code>', 'http mode: status code for aborted requests', '503')
    .action(async (opts: { listen: string; upstream: string; delay: string; jitter: string; mode: string; abortPercent: string; abortStatus: string }) => {
      const problems: string[] = [];
      const tryDo = <T>(fn: () => T): T | undefined => {
        try {
          return fn();
        } catch (e) {
          problems.push((e as Error).message);
          return undefined;
        }
      };
      const listen = tryDo(() => parseHostPort(opts.listen, '--listen'));
      const upstream = tryDo(() => parseHostPort(opts.upstream, '--upstream'));
      const delayMs = tryDo(() => parseDuration(opts.delay));
      const jitterMs = tryDo(() => parseDuration(opts.jitter));
      if (opts.mode !== 'tcp' && opts.mode !== 'http') problems.push(`--mode must be tcp or http, got "${opts.mode}"`);
      const abortPercent = Number(opts.abortPercent);
      if (!(abortPercent >= 0 && abortPercent <= 100)) problems.push(`--abort-percent must be between 0 and 100, got "${opts.abortPercent}"`);
      const abortStatus = Number(opts.abortStatus);
      if (!Number.isInteger(abortStatus) || abortStatus < 100 || abortStatus > 599) problems.push(`--abort-status must be an HTTP status code, got "${opts.abortStatus}"`);
      if (abortPercent > 0 && opts.mode !== 'http') problems.push('--abort-percent needs --mode http');
      if (problems.length) {
        process.stderr.write(problems.map((p) => `firedrill proxy: ${p}\n`).join(''));
        process.exitCode = 2;
        return;
      }
      const proxy = await startDelayProxy({
        listenHost: listen!.host,
        listenPort: listen!.port,
        upstreamHost: upstream!.host === '0.0.0.0' ? '127.0.0.1' : upstream!.host,
        upstreamPort: upstream!.port,
        delayMs: delayMs!,
        jitterMs: jitterMs!,
        mode: opts.mode as 'tcp' | 'http',
        abortPercent,
        abortStatus,
      });
      process.stdout.write(
        `${JSON.stringify({ msg: 'proxy listening', listen: `${listen!.host}:${proxy.port}`, upstream: opts.upstream, delayMs, jitterMs, mode: opts.mode, abortPercent })}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => void proxy.close().then(resolve);
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
    });
}
