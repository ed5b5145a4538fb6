import http from 'node:http';
import net from 'node:net';
import { parseHostPort, pickDelay, startDelayProxy, type RunningProxy } from './delay-proxy.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function timeHttp(port: number): Promise<{ ms: number; status: number; body: string }> {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/hello`, { headers: { connection: 'close' } });
  const body = await res.text();
  return { ms: performance.now() - started, status: res.status, body };
}

describe('delay proxy on loopback', () => {
  let upstream: http.Server;
  let upstreamPort: number;
  let echo: net.Server;
  let echoPort: number;
  const proxies: RunningProxy[] = [];

  beforeAll(async () => {
    upstream = http.createServer((req, res) => res.end(`upstream saw ${req.method} ${req.url}`));
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamPort = (upstream.address() as net.AddressInfo).port;
    echo = net.createServer((s) => s.pipe(s));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    echoPort = (echo.address() as net.AddressInfo).port;
  });

  afterAll(async () => {
    for (const p of proxies) await p.close();
    upstream.close();
    echo.close();
  });

  it('adds the configured delay to HTTP requests and passes them through unchanged', async () => {
    const proxy = await startDelayProxy({ listenHost: '127.0.0.1', listenPort: 0, upstreamHost: '127.0.0.1', upstreamPort, delayMs: 300, jitterMs: 50, mode: 'http', abortPercent: 0, abortStatus: 503 });
    proxies.push(proxy);
    const direct: number[] = [];
    const proxied: number[] = [];
    for (let i = 0; i < 5; i++) {
      direct.push((await timeHttp(upstreamPort)).ms);
      const r = await timeHttp(proxy.port);
      expect(r.status).toBe(200);
      expect(r.body).toBe('upstream saw GET /hello');
      proxied.push(r.ms);
    }
    const added = median(proxied) - median(direct);
    // delay ± jitter, with room for a busy machine on the slow side
    expect(added).toBeGreaterThanOrEqual(240);
    expect(added).toBeLessThan(600);
  });

  it('delays each TCP connection and loses no bytes sent during the delay', async () => {
    const proxy = await startDelayProxy({ listenHost: '127.0.0.1', listenPort: 0, upstreamHost: '127.0.0.1', upstreamPort: echoPort, delayMs: 250, jitterMs: 0, mode: 'tcp', abortPercent: 0, abortStatus: 503 });
    proxies.push(proxy);
    const started = performance.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(proxy.port, '127.0.0.1', () => socket.write('ping\n'));
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
        if (data.includes('\n')) {
          socket.end();
          resolve(data);
        }
      });
      socket.on('error', reject);
    });
    const elapsed = performance.now() - started;
    expect(reply).toBe('ping\n');
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(proxy.stats().connections).toBe(1);
  });

  it('fails the configured share of HTTP requests with the fault status', async () => {
    let n = 0;
    const proxy = await startDelayProxy({
      listenHost: '127.0.0.1',
      listenPort: 0,
      upstreamHost: '127.0.0.1',
      upstreamPort,
      delayMs: 0,
      jitterMs: 0,
      mode: 'http',
      abortPercent: 50,
      abortStatus: 503,
      random: () => (n++ % 2 === 0 ? 0.1 : 0.9),
    });
    proxies.push(proxy);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await timeHttp(proxy.port)).status);
    expect(statuses.sort()).toEqual([200, 200, 503, 503]);
    expect(proxy.stats().aborted).toBe(2);
  });

  it('names a port that is already in use', async () => {
    await expect(
      startDelayProxy({ listenHost: '127.0.0.1', listenPort: upstreamPort, upstreamHost: '127.0.0.1', upstreamPort, delayMs: 0, jitterMs: 0, mode: 'tcp', abortPercent: 0, abortStatus: 503 }),
    ).rejects.toThrow(`port ${upstreamPort} on 127.0.0.1 is already in use`);
  });
});

describe(pickDelay.name, () => {
  it('stays within delay ± jitter and never goes negative', () => {
    expect(pickDelay(100, 20, () => 0)).toBe(80);
    expect(pickDelay(100, 20, () => 1)).toBe(120);
    expect(pickDelay(10, 50, () => 0)).toBe(0);
  });
});

describe(parseHostPort.name, () => {
  it('accepts host:port and a bare port and rejects nonsense', () => {
    expect(parseHostPort('svc.ns.svc:8080', '--upstream')).toEqual({ host: 'svc.ns.svc', port: 8080 });
    expect(parseHostPort('9000', '--listen')).toEqual({ host: '0.0.0.0', port: 9000 });
    expect(() => parseHostPort('nope', '--listen')).toThrow('--listen must be host:port or port, got "nope"');
  });
});
