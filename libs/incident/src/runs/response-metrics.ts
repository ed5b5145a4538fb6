/**
 * Response times of one run, from T0 (the first fault applied, known exactly)
 * and the signals that arrived. Every figure names the signal it came from.
 */
export interface MetricSignal {
  id: string;
  kind: string;
  source: string;
  occurredAt: Date;
  receivedAt: Date;
  summary?: string | null;
}

export interface ResponseTargetsSeconds {
  detect?: number;
  acknowledge?: number;
  mitigate?: number;
  resolve?: number;
}

export interface FigureSource {
  signalId: string | null;
  source: string;
  kind: string;
  at: string;
  summary?: string | null;
}

export interface ResponseMetrics {
  ttdSeconds: number | null;
  ttaSeconds: number | null;
  ttaFromT0Seconds: number | null;
  ttmSeconds: number | null;
  ttrSeconds: number | null;
  timeToFirstCommunicationSeconds: number | null;
  detection: {
    /** Alert's own start (startsAt) − T0: how long the rule took to fire. */
    alertRuleDelaySeconds: number | null;
    /** receivedAt − startsAt: how long delivery took. */
    deliveryDelaySeconds: number | null;
  };
  sources: {
    detected: FigureSource | null;
    acknowledged: FigureSource | null;
    mitigated: FigureSource | null;
    resolved: FigureSource | null;
    communicated: FigureSource | null;
  };
  targets: Record<'detect' | 'acknowledge' | 'mitigate' | 'resolve', { targetSeconds: number | null; actualSeconds: number | null; met: boolean | null }>;
  drill: true;
}

const DETECTION_KINDS = ['detected', 'paged'];

const seconds = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 10) / 100;

/**
 * `impactReducedAt`: the first time every hypothesis probe held again after T0
 * (a cluster-side measure of mitigation); the earlier of it and a `mitigated`
 * signal counts.
 */
export function computeResponseMetrics(input: {
  t0: Date | null;
  signals: readonly MetricSignal[];
  impactReducedAt?: Date | null;
  targets?: ResponseTargetsSeconds;
}): ResponseMetrics {
  const { t0 } = input;
  const after = (kinds: string[]) =>
    [...input.signals]
      .filter((s) => kinds.includes(s.kind) && (!t0 || s.occurredAt.getTime() >= t0.getTime()))
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())[0] ?? null;
  const detected = after(DETECTION_KINDS);
  const acknowledged = after(['acknowledged']);
  const mitigatedSignal = after(['mitigated']);
  const resolved = after(['resolved']);
  const communicated = after(['communicated']);

  const src = (s: MetricSignal | null): FigureSource | null =>
    s ? { signalId: s.id, source: s.source, kind: s.kind, at: s.occurredAt.toISOString(), summary: s.summary ?? null } : null;

  let mitigated: FigureSource | null = src(mitigatedSignal);
  const impact = input.impactReducedAt && (!t0 || input.impactReducedAt >= t0) ? input.impactReducedAt : null;
  if (impact && (!mitigatedSignal || impact < mitigatedSignal.occurredAt)) {
    mitigated = { signalId: null, source: 'probe', kind: 'impact-reduced', at: impact.toISOString(), summary: 'all steady-state probes hold again' };
  }

  const ttd = t0 && detected ? seconds(t0, detected.occurredAt) : null;
  const tta = detected && acknowledged ? seconds(detected.occurredAt, acknowledged.occurredAt) : null;
  const ttaFromT0 = t0 && acknowledged ? seconds(t0, acknowledged.occurredAt) : null;
  const ttm = t0 && mitigated ? seconds(t0, new Date(mitigated.at)) : null;
  const ttr = t0 && resolved ? seconds(t0, resolved.occurredAt) : null;
  const ttc = t0 && communicated ? seconds(t0, communicated.occurredAt) : null;

  const compare = (target: number | undefined, actual: number | null) => ({
    targetSeconds: target ?? null,
    actualSeconds: actual,
    met: target === undefined ? null : actual === null ? false : actual <= target,
  });

  return {
    ttdSeconds: ttd,
    ttaSeconds: tta,
    ttaFromT0Seconds: ttaFromT0,
    ttmSeconds: ttm,
    ttrSeconds: ttr,
    timeToFirstCommunicationSeconds: ttc,
    detection: {
      alertRuleDelaySeconds: ttd,
      deliveryDelaySeconds: detected ? seconds(detected.occurredAt, detected.receivedAt) : null,
    },
    sources: { detected: src(detected), acknowledged: src(acknowledged), mitigated, resolved: src(resolved), communicated: src(communicated) },
    targets: {
      detect: compare(input.targets?.detect, ttd),
      acknowledge: compare(input.targets?.acknowledge, tta),
      mitigate: compare(input.targets?.mitigate, ttm),
      resolve: compare(input.targets?.resolve, ttr),
    },
    drill: true,
  };
}
