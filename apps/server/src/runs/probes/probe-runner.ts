import type { ClusterPort } from '#chaos';
import { parseDuration, type ProbeSpec } from '#scenario';

export interface ProbeOutcome {
  ok: boolean;
  value: number | null;
  detail: string;
}

/** Runs one steady-state probe once. Never throws: a failure to ask is a failed probe. */
export async function runProbe(probe: ProbeSpec, cluster: ClusterPort): Promise<ProbeOutcome> {
  try {
    if (probe.http) return await httpProbe(probe);
    if (probe.prometheus) return await prometheusProbe(probe);
    if (probe.kubernetes) return await kubernetesProbe(probe, cluster);
    return { ok: false, value: null, detail: 'probe has no kind' };
  } catch (error) {
    return { ok: false, value: null, detail: (error as Error).message };
  }
}

async function httpProbe(probe: ProbeSpec): Promise<ProbeOutcome> {
  const spec = probe.http!;
  const timeout = parseDuration(spec.timeout ?? probe.timeout ?? '5s');
  const started = performance.now();
  const res = await fetch(spec.url, { method: spec.method ?? 'GET', signal: AbortSignal.timeout(timeout), redirect: 'manual' });
  const body = spec.bodyContains ? await res.text() : (await res.arrayBuffer(), '');
  const latency = Math.round(performance.now() - started);
  const expected = spec.expectStatus ?? 200;
  if (res.status !== expected) return { ok: false, value: latency, detail: `HTTP ${res.status}, expected ${expected}` };
  if (spec.bodyContains && !body.includes(spec.bodyContains)) return { ok: false, value: latency, detail: `body does not contain "${spec.bodyContains}"` };
  return { ok: true, value: latency, detail: `HTTP ${res.status} in ${latency} ms` };
}

async function prometheusProbe(probe: ProbeSpec): Promise<ProbeOutcome> {
  const spec = probe.prometheus!;
  const url = `${spec.url.replace(/\/$/, '')}/api/v1/query?query=${encodeURIComponent(spec.query)}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(parseDuration(probe.timeout ?? '5s')) });
  if (!res.ok) return { ok: false, value: null, detail: `Prometheus answered HTTP ${res.status}` };
  const body = (await res.json()) as { status: string; data?: { resultType: string; result: unknown } };
  const value = firstValue(body.data?.resultType, body.data?.result);
  if (value === null || Number.isNaN(value)) return { ok: false, value: null, detail: 'the query returned no data' };
  if (spec.below !== undefined && !(value < spec.below)) return { ok: false, value, detail: `${value} is not below ${spec.below}` };
  if (spec.above !== undefined && !(value > spec.above)) return { ok: false, value, detail: `${value} is not above ${spec.above}` };
  return { ok: true, value, detail: `value ${value}` };
}

function firstValue(type: string | undefined, result: unknown): number | null {
  if (type === 'scalar') return Number((result as [number, string])[1]);
  if (type === 'vector') {
    const first = (result as { value: [number, string] }[])[0];
    return first ? Number(first.value[1]) : null;
  }
  return null;
}

async function kubernetesProbe(probe: ProbeSpec, cluster: ClusterPort): Promise<ProbeOutcome> {
  const spec = probe.kubernetes!;
  const dep = await cluster.get({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: spec.namespace, name: spec.deployment });
  if (!dep) return { ok: false, value: null, detail: `deployment ${spec.namespace}/${spec.deployment} not found` };
  const ready = (dep.status as { readyReplicas?: number } | undefined)?.readyReplicas ?? 0;
  return ready >= spec.minReady
    ? { ok: true, value: ready, detail: `${ready} ready (min ${spec.minReady})` }
    : { ok: false, value: ready, detail: `${ready} ready, below ${spec.minReady}` };
}
