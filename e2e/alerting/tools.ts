import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { request as httpsRequest } from 'node:https';
import path from 'node:path';
import YAML from 'yaml';
import { clusterKubeconfigPath } from '#testing';

export const PROMETHEUS = process.env.FIREDRILL_PROMETHEUS_BIN ?? '/usr/bin/prometheus';
export const ALERTMANAGER = process.env.FIREDRILL_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

/** Why the real tools cannot run here, or null when they can. */
export function toolsMissing(): string | null {
  const missing = [PROMETHEUS, ALERTMANAGER].filter((bin) => !existsSync(bin));
  return missing.length ? `missing ${missing.join(', ')} (apt-get install -y prometheus prometheus-alertmanager)` : null;
}

export interface Tool {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** Starts a Prometheus-family binary on loopback and waits for /-/ready. */
export async function startTool(name: string, bin: string, args: string[], port: number, timeoutMs = 30_000): Promise<Tool> {
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const tool: Tool = {
    name,
    url,
    child,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${url}/-/ready`)).status === 200) return tool;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await tool.stop();
  throw new Error(`${name} did not become ready on ${url}:\n${out}`);
}

export function writeConfig(dir: string, file: string, content: unknown): string {
  mkdirSync(dir, { recursive: true });
  const p = path.join(dir, file);
  writeFileSync(p, typeof content === 'string' ? content : YAML.stringify(content));
  return p;
}

/** Reads one key of a ConfigMap straight from the API server (cheaper than a kubectl process per poll). */
export function configMapReader(): (namespace: string, name: string, key: string) => Promise<string | undefined> {
  const kubeconfig = YAML.parse(readFileSync(clusterKubeconfigPath(), 'utf8'));
  const cluster = kubeconfig.clusters[0].cluster;
  const token = kubeconfig.users[0].user.token as string;
  const ca = Buffer.from(cluster['certificate-authority-data'], 'base64');
  const server = new URL(cluster.server as string);
  return (namespace, name, key) =>
    new Promise((resolve, reject) => {
      const req = httpsRequest(
        { host: server.hostname, port: server.port, path: `/api/v1/namespaces/${namespace}/configmaps/${name}`, ca, headers: { authorization: `Bearer ${token}` }, timeout: 2000 },
        (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body).data?.[key]) : reject(new Error(`configmap ${namespace}/${name}: ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end();
    });
}

/**
 * A stand-in for the payment service's metrics: it polls the real
 * ConfigMap every 200 ms and reports a 2 s request latency while the
 * connection pool is 1, 50 ms otherwise. The real fault drives the alert.
 */
export async function startDemoService(namespace: string): Promise<{ port: number; stop(): Promise<void> }> {
  const read = configMapReader();
  let latency = 0.05;
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      try {
        latency = (await read(namespace, 'payment-config', 'DB_POOL_SIZE')) === '1' ? 2.0 : 0.05;
      } catch {
        /* keep the last value; the API server is briefly busy */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const polling = poll();
  const server: Server = createServer((req, res) => {
    if (req.url !== '/metrics') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(
      '# HELP demo_request_latency_seconds Request latency of the payment service.\n' +
        '# TYPE demo_request_latency_seconds gauge\n' +
        `demo_request_latency_seconds{service="payment"} ${latency}\n`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    stop: async () => {
      stopped = true;
      await polling;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** GET a JSON document over plain HTTP (Alertmanager, Prometheus APIs). */
export function getJson<T = any>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (error) {
          reject(error as Error);
        }
      });
    })
      .on('error', reject)
      .end();
  });
}
