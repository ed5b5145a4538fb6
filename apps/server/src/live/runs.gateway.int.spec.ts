import { io, type Socket } from 'socket.io-client';
import type { LiveClientToServerEvents, LiveJoinAck, LiveRunSummary, LiveServerToClientEvents, LiveTimelineEvent } from '#contracts';
import { startTestServer, type TestServer } from '../../test/test-server.js';

type Client = Socket<LiveServerToClientEvents, LiveClientToServerEvents>;

/** A dry run whose only step is due in 5 minutes: it stays `running` until aborted, and touches no cluster. */
const scenario = (name: string, team: string) => `apiVersion: firedrill.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}, title: ${name}, team: ${team}, severity: SEV2}
spec:
  hypothesis: {description: the team notices a small pool}
  steps:
    - at: 5m
      configChange: {namespace: shop, configMap: payment-config, set: {DB_POOL_SIZE: "1"}, duration: 1m}
  guardrails: {maxDuration: 10m}
`;

async function startDryRun(server: TestServer, name: string, team: string): Promise<string> {
  await server.request('POST', '/api/v1/teams', { body: { slug: team, name: team } });
  const saved = await server.request('POST', '/api/v1/scenarios', { raw: scenario(name, team), headers: { 'content-type': 'application/yaml' } });
  if (saved.status !== 201 && saved.status !== 200) throw new Error(`saving the scenario failed: ${saved.status} ${saved.text}`);
  const created = await server.request('POST', '/api/v1/runs', { body: { scenario: name, dryRun: true } });
  if (created.status !== 201) throw new Error(`starting the run failed: ${created.status} ${created.text}`);
  const id = created.body.id as string;
  await until(async () => (await server.request('GET', `/api/v1/runs/${id}`)).body.state === 'running', `run ${id} running`);
  return id;
}

async function until(fn: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A client that collects what it receives. */
function liveClient(url: string, auth: Record<string, unknown> | null, extraHeaders: Record<string, string> = {}) {
  const socket: Client = io(`${url}/runs`, { auth: auth ?? undefined, extraHeaders, transports: ['websocket'], reconnection: false, forceNew: true });
  const timeline: LiveTimelineEvent[] = [];
  const runs: LiveRunSummary[] = [];
  socket.on('timeline', (e) => timeline.push(e));
  socket.on('run', (r) => runs.push(r));
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  const join = (runId: string, lastEventId?: string) => socket.emitWithAck('join', lastEventId ? { runId, lastEventId } : { runId }) as Promise<LiveJoinAck>;
  return { socket, timeline, runs, connected, join };
}

describe('live run events (socket.io /runs)', () => {
  let server: TestServer;
  const clients: Client[] = [];
  const client = (auth: Record<string, unknown> | null, headers?: Record<string, string>) => {
    const c = liveClient(server.url, auth, headers);
    clients.push(c.socket);
    return c;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.disconnect();
  });
  afterAll(async () => {
    await server?.stop();
  });

  const apiTimeline = async (runId: string) => (await server.request('GET', `/api/v1/runs/${runId}/timeline`)).body.items.filter((e: { id: string }) => !e.id.startsWith('signal:')).map((e: { id: string }) => e.id);

  it('refuses a connection without a token, or with a bad one, and says why', async () => {
    await expect(client(null).connected).rejects.toThrow('Missing bearer token');
    await expect(client({ token: 'not-a-real-token-000000' }).connected).rejects.toThrow('The bearer token is not valid or has been revoked');
  });

  it('accepts the token in the Authorization header as well', async () => {
    const c = client(null, { authorization: `Bearer ${server.adminToken}` });
    await expect(c.connected).resolves.toBeUndefined();
  });

  it('answers a join with the whole timeline, then pushes new events and state changes', async () => {
    const runId = await startDryRun(server, 'live-push', 'live');
    const c = client({ token: server.adminToken });
    await c.connected;
    const ack = await c.join(runId);
    if (!ack.ok) throw new Error(ack.error.message);
    expect(ack.run).toMatchObject({ id: runId, state: 'running', team: 'live', dryRun: true });
    expect(ack.events.map((e) => e.id)).toEqual(await apiTimeline(runId));
    expect(ack.events.map((e) => e.kind)).toContain('state');

    const note = await server.request('POST', `/api/v1/runs/${runId}/notes`, { body: { text: 'pool looks small' } });
    await until(() => c.timeline.some((e) => e.id === note.body.id), 'the note pushed');
    expect(c.timeline.find((e) => e.id === note.body.id)).toMatchObject({ runId, kind: 'note', title: 'pool looks small', actor: 'FIREDRILL_ADMIN_TOKEN', at: note.body.at });

    expect((await server.request('POST', `/api/v1/runs/${runId}/abort`, { body: { reason: 'drill over' } })).status).toBe(202);
    await until(() => c.runs.some((r) => r.state === 'aborted'), 'the aborted run pushed');
    expect(c.runs.at(-1)).toMatchObject({ id: runId, state: 'aborted', abortReason: expect.stringContaining('drill over') });
    expect(c.timeline.filter((e) => e.kind === 'state').map((e) => e.data.to)).toEqual(['recovering', 'aborted']);
  });

  it('gives a client that reconnects exactly the events it missed: no gap, no duplicate', async () => {
    const runId = await startDryRun(server, 'live-resume', 'live');
    const first = client({ token: server.adminToken });
    await first.connected;
    const ack = await first.join(runId);
    if (!ack.ok) throw new Error(ack.error.message);
    await server.request('POST', `/api/v1/runs/${runId}/notes`, { body: { text: 'before the drop' } });
    await until(() => first.timeline.length === 1, 'the first note');
    const seen = [...ack.events, ...first.timeline];
    first.socket.disconnect();

    const missed: string[] = [];
    for (const text of ['while away 1', 'while away 2', 'while away 3']) {
      missed.push((await server.request('POST', `/api/v1/runs/${runId}/notes`, { body: { text } })).body.id);
    }

    const again = client({ token: server.adminToken });
    await again.connected;
    const resumed = await again.join(runId, seen.at(-1)!.id);
    if (!resumed.ok) throw new Error(resumed.error.message);
    expect(resumed.events.map((e) => e.id)).toEqual(missed);
    expect(resumed.events.map((e) => e.title)).toEqual(['while away 1', 'while away 2', 'while away 3']);
    const after = (await server.request('POST', `/api/v1/runs/${runId}/notes`, { body: { text: 'back' } })).body.id;
    await until(() => again.timeline.some((e) => e.id === after), 'the note after rejoining');

    const all = [...seen, ...resumed.events, ...again.timeline].map((e) => e.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(await apiTimeline(runId));
  });

  it('keeps team-scoped tokens to their own team’s runs', async () => {
    const mine = await startDryRun(server, 'live-team-a', 'alpha');
    const theirs = await startDryRun(server, 'live-team-b', 'bravo');
    const token = (await server.request('POST', '/api/v1/tokens', { body: { name: 'alpha-viewer', role: 'viewer', team: 'alpha' } })).body.token as string;
    const c = client({ token });
    await c.connected;
    expect(await c.join(mine)).toMatchObject({ ok: true, run: { id: mine, team: 'alpha' } });
    const refused = await c.join(theirs);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await server.request('POST', `/api/v1/runs/${theirs}/notes`, { body: { text: 'not for alpha' } });
    const own = (await server.request('POST', `/api/v1/runs/${mine}/notes`, { body: { text: 'for alpha' } })).body.id;
    await until(() => c.timeline.some((e) => e.id === own), 'the own-team note');
    expect(c.timeline.map((e) => e.runId)).not.toContain(theirs);
  });

  it('answers a join for an unknown run or a malformed request with a clear error', async () => {
    const c = client({ token: server.adminToken });
    await c.connected;
    expect(await c.join('00000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const bad = (await c.socket.emitWithAck('join', { runId: 'nope', lastEventId: 'x' } as never)) as LiveJoinAck;
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.code).toBe('validation_failed');
      expect(bad.error.message).toContain('runId');
      expect(bad.error.message).toContain('lastEventId');
    }
  });
});
