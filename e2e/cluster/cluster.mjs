#!/usr/bin/env node
// Local Kubernetes control plane for tests and trials: etcd, kube-apiserver,
// kube-controller-manager, kube-scheduler and kwok (fake nodes, pod lifecycle)
// run as background processes on 127.0.0.1. No Docker needed.
//
//   node e2e/cluster/cluster.mjs build                 build/link the binaries (e2e/cluster/build.sh)
//   node e2e/cluster/cluster.mjs up [--auto-ports]     start (no-op when already running)
//   node e2e/cluster/cluster.mjs status                print state; exit 0 when running, 3 when not
//   node e2e/cluster/cluster.mjs seed [--namespace NS] [--no-wait]
//   node e2e/cluster/cluster.mjs down                  stop what `up` started, remove state
//
// State lives in $FIREDRILL_CLUSTER_DIR (default <repo>/.firedrill/cluster):
//   bin/ binaries, logs/ one log per component, run/ pid files, pki/ certs and
//   tokens, etcd/ data, kubeconfig (admin), cluster.json (ports, pids).
// Ports (all on 127.0.0.1): FIREDRILL_CLUSTER_APISERVER_PORT (16443),
//   FIREDRILL_CLUSTER_ETCD_PORT (12379), FIREDRILL_CLUSTER_ETCD_PEER_PORT (12380),
//   FIREDRILL_CLUSTER_CONTROLLER_MANAGER_PORT (10357), FIREDRILL_CLUSTER_SCHEDULER_PORT (10359).
// Uses node: built-ins only, so it runs without a TypeScript build.

import { execFile, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.resolve(HERE, '..', '..');
const DIR = path.resolve(process.env.FIREDRILL_CLUSTER_DIR ?? path.join(REPO_ROOT, '.firedrill', 'cluster'));
const BIN = path.join(DIR, 'bin');
const LOGS = path.join(DIR, 'logs');
const RUN = path.join(DIR, 'run');
const PKI = path.join(DIR, 'pki');
const ETCD_DATA = path.join(DIR, 'etcd');
const KUBECONFIG = path.join(DIR, 'kubeconfig');
const STATE = path.join(DIR, 'cluster.json');
const FIXTURES = path.join(HERE, 'fixtures');

const PORTS = [
  { key: 'apiserver', env: 'FIREDRILL_CLUSTER_APISERVER_PORT', def: 16443, what: 'kube-apiserver --secure-port' },
  { key: 'etcd', env: 'FIREDRILL_CLUSTER_ETCD_PORT', def: 12379, what: 'etcd client URL' },
  { key: 'etcdPeer', env: 'FIREDRILL_CLUSTER_ETCD_PEER_PORT', def: 12380, what: 'etcd peer URL' },
  { key: 'controllerManager', env: 'FIREDRILL_CLUSTER_CONTROLLER_MANAGER_PORT', def: 10357, what: 'kube-controller-manager --secure-port' },
  { key: 'scheduler', env: 'FIREDRILL_CLUSTER_SCHEDULER_PORT', def: 10359, what: 'kube-scheduler --secure-port' },
];

// Start order; `down` stops in reverse.
const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'];
const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'];
const NODE_COUNT = 3; // e2e/cluster/nodes.yaml

class ClusterError extends Error {}

const say = (msg) => process.stderr.write(`cluster  ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const exists = (p) => fs.existsSync(p);

// ---------------------------------------------------------------- processes

function pidFile(name) {
  return path.join(RUN, `${name}.pid`);
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** True when `pid` is alive and was started from our binary (guards against pid reuse). */
function isOurs(pid, name) {
  if (!isAlive(pid)) return false;
  try {
    const argv0 = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
    return argv0 === path.join(BIN, name);
  } catch {
    return process.platform !== 'linux'; // no /proc: trust kill(0)
  }
}

/** Per component: { name, pid, state: 'running' | 'stale' | 'absent' }. */
function inspect() {
  return COMPONENTS.map((name) => {
    const file = pidFile(name);
    if (!exists(file)) return { name, pid: undefined, state: 'absent' };
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    if (!Number.isInteger(pid) || pid <= 0) return { name, pid: undefined, state: 'stale' };
    return { name, pid, state: isOurs(pid, name) ? 'running' : 'stale' };
  });
}

async function stopPid(name, pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) {
    say(`${name} (pid ${pid}) ignored SIGTERM for 10 s; sending SIGKILL`);
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
}

/** Stops every component whose pid file points at a live process of ours; removes all pid files. */
async function stopAll({ quiet = false } = {}) {
  let stopped = 0;
  for (const c of inspect().reverse()) {
    if (c.state === 'running') {
      if (!quiet) say(`stopping ${c.name} (pid ${c.pid})`);
      await stopPid(c.name, c.pid);
      stopped++;
    } else if (c.state === 'stale') {
      say(`stale pid file for ${c.name} (pid ${c.pid ?? '?'} is not running or is not ours); removing it`);
    }
    fs.rmSync(pidFile(c.name), { force: true });
  }
  return stopped;
}

function removeState() {
  for (const p of [RUN, PKI, ETCD_DATA, KUBECONFIG, STATE, path.join(DIR, 'test-run.json')]) fs.rmSync(p, { recursive: true, force: true });
}

const started = new Map(); // name -> ChildProcess, for this invocation of `up`

function startProcess(name, args) {
  const log = path.join(LOGS, `${name}.log`);
  if (exists(log)) fs.renameSync(log, `${log}.prev`);
  const fd = fs.openSync(log, 'a');
  const child = spawn(path.join(BIN, name), args, {
    cwd: DIR,
    detached: true, // own session: survives this script and the terminal
    stdio: ['ignore', fd, fd],
    env: { ...process.env, GOTRACEBACK: 'all' },
  });
  fs.closeSync(fd);
  child.exitInfo = undefined;
  child.on('exit', (code, signal) => {
    child.exitInfo = signal ? `signal ${signal}` : `code ${code}`;
  });
  child.on('error', (err) => {
    child.exitInfo = err.message;
  });
  child.unref();
  fs.writeFileSync(pidFile(name), `${child.pid}\n`);
  started.set(name, child);
  return child;
}

function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Throws when a component started by this `up` has already exited. */
function assertStillRunning() {
  for (const [name, child] of started) {
    if (child.exitInfo !== undefined) {
      const log = path.join(LOGS, `${name}.log`);
      throw new ClusterError(`${name} exited during start-up (${child.exitInfo}); last lines of ${log}:\n${tail(log)}`);
    }
  }
}

async function waitFor(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    assertStillRunning();
    try {
      const res = await probe();
      if (res === true) return;
      last = typeof res === 'string' ? res : last;
    } catch (err) {
      last = err.message;
    }
    if (Date.now() > deadline)
      throw new ClusterError(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last: ${last})` : ''}`);
    await sleep(150);
  }
}

// ---------------------------------------------------------------- ports

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '127.0.0.1', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

async function choosePorts({ auto }) {
  const ports = {};
  const taken = new Set();
  for (const p of PORTS) {
    const raw = process.env[p.env];
    const explicit = raw !== undefined && raw !== '';
    const port = explicit ? Number(raw) : p.def;
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ClusterError(`${p.env}=${raw} is not a port number`);
    if (!taken.has(port) && (await portFree(port))) {
      ports[p.key] = port;
    } else if (auto && !explicit) {
      let alt = port + 100;
      while (alt < 65535 && (taken.has(alt) || !(await portFree(alt)))) alt += 100;
      say(`port ${port} (${p.what}) is in use; using ${alt} instead`);
      ports[p.key] = alt;
    } else {
      throw new ClusterError(
        `port ${port} on 127.0.0.1 (${p.what}) is already in use; stop whatever listens there or set ${p.env} to a free port`,
      );
    }
    taken.add(ports[p.key]);
  }
  return ports;
}

// ---------------------------------------------------------------- pki

function openssl(args) {
  const r = spawnSync('openssl', args, { cwd: PKI, encoding: 'utf8' });
  if (r.error) throw new ClusterError(`openssl is needed to make the cluster certificates: ${r.error.message}`);
  if (r.status !== 0) throw new ClusterError(`openssl ${args.join(' ')} failed:\n${r.stderr}`);
}

function makePki() {
  fs.mkdirSync(PKI, { recursive: true, mode: 0o700 });
  const ecKey = (file) => openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
  ecKey('ca.key');
  openssl(['req', '-x509', '-new', '-key', 'ca.key', '-sha256', '-days', '3650', '-subj', '/CN=firedrill-local-ca', '-out', 'ca.crt']);
  ecKey('apiserver.key');
  openssl(['req', '-new', '-key', 'apiserver.key', '-subj', '/CN=kube-apiserver', '-out', 'apiserver.csr']);
  fs.writeFileSync(
    path.join(PKI, 'apiserver.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local',
      '',
    ].join('\n'),
  );
  openssl([
    'x509',
    '-req',
    '-in',
    'apiserver.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '3650',
    '-sha256',
    '-extfile',
    'apiserver.ext',
    '-out',
    'apiserver.crt',
  ]);
  // Service-account token signing key pair.
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'sa.key']);
  openssl(['pkey', '-in', 'sa.key', '-pubout', '-out', 'sa.pub']);

  const tokens = {
    admin: randomBytes(24).toString('hex'),
    controllerManager: randomBytes(24).toString('hex'),
    scheduler: randomBytes(24).toString('hex'),
  };
  fs.writeFileSync(
    path.join(PKI, 'tokens.csv'),
    [
      `${tokens.admin},firedrill-admin,firedrill-admin,"system:masters"`,
      `${tokens.controllerManager},system:kube-controller-manager,system:kube-controller-manager`,
      `${tokens.scheduler},system:kube-scheduler,system:kube-scheduler`,
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  return tokens;
}

function kubeconfigYaml(server, user, token) {
  const ca = fs.readFileSync(path.join(PKI, 'ca.crt')).toString('base64');
  return `apiVersion: v1
kind: Config
clusters:
- name: firedrill-local
  cluster:
    server: ${server}
    certificate-authority-data: ${ca}
users:
- name: ${user}
  user:
    token: ${token}
contexts:
- name: firedrill-local
  context:
    cluster: firedrill-local
    user: ${user}
    namespace: default
current-context: firedrill-local
`;
}

// ---------------------------------------------------------------- http / kubectl

function get(url, { ca, token } = {}) {
  return new Promise((resolve, reject) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { ca, headers: token ? { authorization: `Bearer ${token}` } : {}, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function kubectl(args, { input, kubeconfig = KUBECONFIG } = {}) {
  return new Promise((resolve) => {
    const child = execFile(
      path.join(BIN, 'kubectl'),
      ['--kubeconfig', kubeconfig, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
    if (input !== undefined) child.stdin.end(input);
  });
}

async function kubectlOk(args, opts) {
  const r = await kubectl(args, opts);
  if (r.code !== 0) throw new ClusterError(`kubectl ${args.join(' ')} failed:\n${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

function readState() {
  try {
    return JSON.parse(fs.readFileSync(STATE, 'utf8'));
  } catch {
    return undefined;
  }
}

async function apiserverReady(state) {
  if (!state || !exists(KUBECONFIG)) return false;
  try {
    const ca = fs.readFileSync(path.join(PKI, 'ca.crt'));
    const res = await get(`https://127.0.0.1:${state.ports.apiserver}/readyz`, { ca, token: state.adminToken });
    return res.status === 200;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- commands

function ensureBinaries() {
  const missing = BINARIES.filter((b) => !exists(path.join(BIN, b)));
  const r = spawnSync('bash', [path.join(HERE, 'build.sh')], { stdio: 'inherit', env: { ...process.env, FIREDRILL_CLUSTER_DIR: DIR } });
  if (r.status !== 0) {
    throw new ClusterError(
      missing.length
        ? `cannot start: ${missing.join(', ')} missing and the build failed (see above)`
        : 'e2e/cluster/build.sh failed (see above)',
    );
  }
}

async function up(flags) {
  const t0 = Date.now();
  ensureBinaries();

  const comps = inspect();
  const state = readState();
  if (comps.every((c) => c.state === 'running') && (await apiserverReady(state))) {
    say(`already running (apiserver https://127.0.0.1:${state.ports.apiserver}); kubeconfig ${KUBECONFIG}`);
    return;
  }
  if (comps.some((c) => c.state !== 'absent') || exists(STATE)) {
    say('found leftovers of an earlier run; cleaning up first');
    await stopAll();
  }
  removeState();

  const ports = await choosePorts({ auto: flags.has('--auto-ports') });
  for (const d of [LOGS, RUN]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(DIR, '.gitignore'), '*\n');
  const tokens = makePki();
  const server = `https://127.0.0.1:${ports.apiserver}`;
  fs.writeFileSync(KUBECONFIG, kubeconfigYaml(server, 'firedrill-admin', tokens.admin), { mode: 0o600 });
  const kcmKubeconfig = path.join(PKI, 'controller-manager.kubeconfig');
  const schedKubeconfig = path.join(PKI, 'scheduler.kubeconfig');
  fs.writeFileSync(kcmKubeconfig, kubeconfigYaml(server, 'system:kube-controller-manager', tokens.controllerManager), { mode: 0o600 });
  fs.writeFileSync(schedKubeconfig, kubeconfigYaml(server, 'system:kube-scheduler', tokens.scheduler), { mode: 0o600 });
  const pki = (f) => path.join(PKI, f);

  try {
    const etcdUrl = `http://127.0.0.1:${ports.etcd}`;
    const peerUrl = `http://127.0.0.1:${ports.etcdPeer}`;
    startProcess('etcd', [
      '--name=firedrill',
      `--data-dir=${ETCD_DATA}`,
      `--listen-client-urls=${etcdUrl}`,
      `--advertise-client-urls=${etcdUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=firedrill=${peerUrl}`,
      '--initial-cluster-state=new',
      '--unsafe-no-fsync', // throw-away test data; fsync only slows tests down
      '--log-level=warn',
    ]);
    await waitFor('etcd /health', 20_000, async () => {
      const r = await get(`${etcdUrl}/health`);
      return r.status === 200 || `HTTP ${r.status}`;
    });

    startProcess('kube-apiserver', [
      `--etcd-servers=${etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${ports.apiserver}`,
      `--cert-dir=${pki('apiserver-certs')}`,
      `--tls-cert-file=${pki('apiserver.crt')}`,
      `--tls-private-key-file=${pki('apiserver.key')}`,
      `--client-ca-file=${pki('ca.crt')}`,
      `--token-auth-file=${pki('tokens.csv')}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${pki('sa.pub')}`,
      `--service-account-signing-key-file=${pki('sa.key')}`,
      '--service-cluster-ip-range=10.96.0.0/16',
      // No kubelet or kube-proxy here; a loopback endpoint for the `kubernetes` Service fails validation.
      '--endpoint-reconciler-type=none',
      '--allow-privileged=true',
      '--profiling=false',
      '--v=1',
    ]);
    const ca = fs.readFileSync(pki('ca.crt'));
    await waitFor('kube-apiserver /readyz', 90_000, async () => {
      const r = await get(`${server}/readyz`, { ca, token: tokens.admin });
      return r.status === 200 || `HTTP ${r.status}`;
    });

    const common = (kubeconfig) => [
      `--kubeconfig=${kubeconfig}`,
      `--authentication-kubeconfig=${kubeconfig}`,
      `--authorization-kubeconfig=${kubeconfig}`,
      '--bind-address=127.0.0.1',
      '--leader-elect=false',
      '--profiling=false',
    ];
    startProcess('kube-controller-manager', [
      ...common(kcmKubeconfig),
      `--secure-port=${ports.controllerManager}`,
      `--cert-dir=${pki('controller-manager-certs')}`,
      '--cluster-name=firedrill',
      `--service-account-private-key-file=${pki('sa.key')}`,
      `--root-ca-file=${pki('ca.crt')}`,
      `--cluster-signing-cert-file=${pki('ca.crt')}`,
      `--cluster-signing-key-file=${pki('ca.key')}`,
      '--use-service-account-credentials=true',
      '--v=1',
    ]);
    startProcess('kube-scheduler', [
      ...common(schedKubeconfig),
      `--secure-port=${ports.scheduler}`,
      `--cert-dir=${pki('scheduler-certs')}`,
      '--v=1',
    ]);
    startProcess('kwok', [
      `--kubeconfig=${KUBECONFIG}`,
      `--config=${path.join(HERE, 'kwok.yaml')}`,
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--node-lease-duration-seconds=40',
      '--cidr=10.244.0.0/16',
      '--node-ip=127.0.0.1',
    ]);

    fs.writeFileSync(
      STATE,
      `${JSON.stringify(
        {
          startedAt: new Date().toISOString(),
          ports,
          server,
          adminToken: tokens.admin,
          pids: Object.fromEntries([...started].map(([n, c]) => [n, c.pid])),
        },
        null,
        2,
      )}\n`,
      { mode: 0o600 },
    );

    await kubectlOk(['apply', '-f', path.join(HERE, 'nodes.yaml')]);
    await waitFor('3 Ready kwok nodes', 60_000, async () => {
      const r = await kubectl([
        'get',
        'nodes',
        '-l',
        'type=kwok',
        '-o',
        'jsonpath={range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
      ]);
      const ready = r.stdout.split('\n').filter((s) => s === 'True').length;
      return ready === NODE_COUNT || `${ready}/${NODE_COUNT} Ready`;
    });
    // Node status in a manifest is not kept on create: set the pod capacity
    // (the fault benchmarks run 500 pods on three nodes) through the status subresource.
    for (let i = 0; i < NODE_COUNT; i++) {
      await kubectlOk([
        'patch', 'node', `kwok-node-${i}`, '--subresource=status', '--type=merge',
        '-p', JSON.stringify({ status: { allocatable: { pods: '1000', cpu: '32', memory: '256Gi' }, capacity: { pods: '1000', cpu: '32', memory: '256Gi' } } }),
      ]);
    }
    await waitFor('the default ServiceAccount', 30_000, async () => {
      const r = await kubectl(['get', 'serviceaccount', 'default', '-n', 'default', '-o', 'name']);
      return r.code === 0 || 'not yet created';
    });
  } catch (err) {
    say('start-up failed; stopping what was started');
    await stopAll({ quiet: true });
    removeState();
    throw err;
  }
  say(`up in ${((Date.now() - t0) / 1000).toFixed(1)} s: apiserver ${server}, ${NODE_COUNT} kwok nodes`);
  say(`kubeconfig: ${KUBECONFIG}   logs: ${LOGS}`);
  const show = (p) => (p.startsWith(process.cwd() + path.sep) ? path.relative(process.cwd(), p) : p);
  say(`try: ${show(path.join(BIN, 'kubectl'))} --kubeconfig ${show(KUBECONFIG)} get nodes`);
}

async function down() {
  const stopped = await stopAll();
  const hadState = exists(STATE) || exists(ETCD_DATA);
  removeState();
  say(stopped || hadState ? `stopped ${stopped} process(es); state removed (bin/ and logs/ kept)` : 'not running');
}

async function status() {
  const comps = inspect();
  const state = readState();
  for (const c of comps) {
    say(
      `${c.name.padEnd(24)} ${c.state === 'running' ? `running (pid ${c.pid})` : c.state === 'stale' ? `stale pid file (pid ${c.pid ?? '?'} not running, or not ours)` : 'stopped'}`,
    );
  }
  const ready = await apiserverReady(state);
  const running = comps.every((c) => c.state === 'running') && ready;
  if (state) say(`apiserver ${state.server} /readyz: ${ready ? 'ok' : 'not ready'}`);
  if (ready) {
    const r = await kubectl(['get', 'nodes', '-o', 'wide', '--no-headers']);
    say(`nodes:\n${r.stdout.trimEnd()}`);
    say(`kubeconfig: ${KUBECONFIG}`);
  }
  say(running ? 'cluster is running' : 'cluster is not running');
  return running ? 0 : 3;
}

/**
 * Applies the fixtures. Namespaces shop (chaos-enabled) and bank, then
 * fixtures/shop/* into shop and fixtures/bank/* into bank. With
 * --namespace NS, only fixtures/shop/* is applied, into NS (created with the
 * chaos annotation when missing), so a test can have its own copy.
 */
async function seed(args) {
  if (!(await apiserverReady(readState()))) throw new ClusterError('the cluster is not running; start it with `npm run cluster:up`');
  const i = args.indexOf('--namespace');
  const target = i >= 0 ? args[i + 1] : undefined;
  if (i >= 0 && !target) throw new ClusterError('--namespace needs a value');
  const wait = !args.includes('--no-wait');
  const read = (dir, ns) =>
    fs
      .readdirSync(path.join(FIXTURES, dir))
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => fs.readFileSync(path.join(FIXTURES, dir, f), 'utf8').replace(new RegExp(`(namespace: )${dir}\\b`, 'g'), `$1${ns}`))
      .join('\n---\n');

  const plan = target
    ? [['shop', target]]
    : [
        ['shop', 'shop'],
        ['bank', 'bank'],
      ];
  if (target) {
    const found = await kubectl(['get', 'namespace', target, '-o', 'name']);
    if (found.code !== 0) {
      await kubectlOk(['create', 'namespace', target]);
      await kubectlOk(['annotate', 'namespace', target, 'firedrill.dev/chaos=enabled', '--overwrite']);
    }
  } else {
    await kubectlOk(['apply', '-f', path.join(FIXTURES, 'namespaces.yaml')]);
  }
  for (const [dir, ns] of plan) {
    await waitFor(`ServiceAccount default in ${ns}`, 30_000, async () => {
      const r = await kubectl(['get', 'serviceaccount', 'default', '-n', ns, '-o', 'name']);
      return r.code === 0 || 'not yet created';
    });
    process.stdout.write(await kubectlOk(['apply', '-f', '-'], { input: read(dir, ns) }));
  }
  if (wait) {
    for (const [, ns] of plan) {
      const names = (await kubectlOk(['get', 'deployments', '-n', ns, '-o', 'name'])).split('\n').filter(Boolean);
      for (const d of names) await kubectlOk(['rollout', 'status', '-n', ns, d, '--timeout=120s']);
    }
    say(`seeded ${plan.map(([, ns]) => ns).join(', ')}; deployments available`);
  }
}

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const flags = new Set(rest);
  switch (cmd) {
    case 'build':
      ensureBinaries();
      return 0;
    case 'up':
      await up(flags);
      return 0;
    case 'down':
      await down();
      return 0;
    case 'status':
      return status();
    case 'seed':
      await seed(rest);
      return 0;
    default:
      say('usage: cluster.mjs build | up [--auto-ports] | down | status | seed [--namespace NS] [--no-wait]');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    say(`error: ${err instanceof ClusterError ? err.message : err.stack}`);
    process.exit(1);
  },
);
