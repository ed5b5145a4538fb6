import http from 'node:http';
import net from 'node:net';

export interface DelayProxyOptions {
  listenHost: string;
  listenPort: number;
  upstreamHost: string;
  upstreamPort: number;
  delayMs: number;
  jitterMs: number;
  /** `tcp` delays each connection; `http` delays each request and can fail some. */
  mode: 'tcp' | 'http';
  /** HTTP only: share of requests (0–100) answered with `abortStatus` instead of reaching upstream. */
  abortPercent: number;
  abortStatus: number;
  random?: () => number;
}

export interface RunningProxy {
  port: number;
  close(): Promise<void>;
  stats(): { connections: number; requests: number; aborted: number };
}

/** Delay for one connection or request: uniform in [delay − jitter, delay + jitter], never negative. */
export function pickDelay(delayMs: number, jitterMs: number, random: () => number = Math.random): number {
  if (jitterMs <= 0) return delayMs;
  return Math.max(0, delayMs + (random() * 2 - 1) * jitterMs);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The latency fault's data path, run unprivileged next to the service it
 * slows down. TCP mode holds each new connection for the delay before
 * connecting upstream (bytes sent meanwhile are buffered, not lost); HTTP
 * mode delays every request, so keep-alive connections are slowed too.
 */
export async function startDelayProxy(options: DelayProxyOptions): Promise<RunningProxy> {
  const random = options.random ?? Math.random;
  const counters = { connections: 0, requests: 0, aborted: 0 };
  const sockets = new Set<net.Socket>();
  let server: net.Server;

  if (options.mode === 'tcp') {
    server = net.createServer((client) => {
      counters.connections++;
      sockets.add(client);
      client.on('close', () => sockets.delete(client));
      client.pause();
      const delay = pickDelay(options.delayMs, options.jitterMs, random);
      setTimeout(() => {
        if (client.destroyed) return;
        const upstream = net.connect(options.upstreamPort, options.upstreamHost, () => {
          client.pipe(upstream);
          upstream.pipe(client);
          client.resume();
        });
        sockets.add(upstream);
        upstream.on('close', () => sockets.delete(upstream));
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
      }, delay);
    });
  } else {
    server = http.createServer(async (req, res) => {
      counters.requests++;
      await sleep(pickDelay(options.delayMs, options.jitterMs, random));
      if (options.abortPercent > 0 && random() * 100 < options.abortPercent) {
        counters.aborted++;
        res.writeHead(options.abortStatus, { 'content-type': 'text/plain', 'x-firedrill-fault': 'http-abort' });
        res.end(`fault injected by firedrill: ${options.abortStatus}\n`);
        return;
      }
      const upstream = http.request(
        { host: options.upstreamHost, port: options.upstreamPort, method: req.method, path: req.url, headers: { ...req.headers, host: `${options.upstreamHost}:${options.upstreamPort}` } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', (error) => {
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`upstream error: ${error.message}\n`);
      });
      req.pipe(upstream);
    });
    server.on('connection', (s: net.Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.listenPort} on ${options.listenHost} is already in use`) : error),
    );
    server.listen(options.listenPort, options.listenHost, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    stats: () => ({ ...counters }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Parses `host:port` (host optional). */
export function parseHostPort(value: string, what: string): { host: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(value);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port < 0 || port > 65535) throw new Error(`${what} must be host:port or port, got "${value}"`);
  return { host: (m[1] ?? '0.0.0.0').replace(/^\[|\]$/g, ''), port };
}
