/**
 * The variables a postmortem template can use. The shape below is the single
 * source of truth: uploaded templates are checked against it, and the draft
 * builder produces exactly this structure.
 */
export type Shape = 'value' | { fields: Record<string, Shape> } | { items: Shape };

const v = 'value' as const;
const obj = (fields: Record<string, Shape>): Shape => ({ fields });
const list = (items: Shape): Shape => ({ items });
const check = obj({ measured: v, target: v, met: v, verdict: v });

export const CONTEXT_SHAPE: { fields: Record<string, Shape> } = {
  fields: {
    generatedAt: v,
    incident: obj({
      id: v,
      title: v,
      severity: v,
      service: v,
      kind: v,
      drill: v,
      scenarioName: v,
      externalId: v,
      runId: v,
      detectionSource: v,
      startedAt: v,
      detectedAt: v,
      acknowledgedAt: v,
      mitigatedAt: v,
      resolvedAt: v,
      customerReportedAt: v,
    }),
    postmortem: obj({ status: v, dueAt: v, publishedAt: v }),
    summary: v,
    impact: v,
    duration: obj({ total: v, toDetect: v, toAcknowledge: v, toMitigate: v, toResolve: v }),
    timeline: list(obj({ time: v, offset: v, kind: v, title: v, detail: v })),
    analysis: obj({
      detection: check,
      acknowledgement: check,
      mitigation: check,
      resolution: check,
      communication: obj({ firstCommunication: check, updates: check, statusUpdateCount: v }),
    }),
    rootCause: obj({ description: v, fiveWhys: list(v) }),
    contributingFactors: list(v),
    wentWell: list(v),
    wentWrong: list(v),
    gotLucky: list(v),
    lessonsLearned: list(v),
    actionItems: list(obj({ title: v, owner: v, type: v, status: v, dueAt: v })),
    freeSections: list(obj({ title: v, body: v })),
    blamelessFindings: list(obj({ field: v, sentence: v, suggestion: v })),
  },
};

export interface TargetCheck {
  measured: string;
  target: string;
  met: boolean | null;
  /** "met", "missed" or "not measured" */
  verdict: string;
}

export interface PostmortemContext {
  generatedAt: string;
  incident: {
    id: string;
    title: string;
    severity: string;
    service: string;
    kind: string;
    drill: boolean;
    scenarioName: string | null;
    externalId: string | null;
    runId: string | null;
    detectionSource: string | null;
    startedAt: string;
    detectedAt: string | null;
    acknowledgedAt: string | null;
    mitigatedAt: string | null;
    resolvedAt: string | null;
    customerReportedAt: string | null;
  };
  postmortem: { status: string; dueAt: string | null; publishedAt: string | null };
  summary: string;
  impact: string;
  duration: { total: string; toDetect: string; toAcknowledge: string; toMitigate: string; toResolve: string };
  timeline: Array<{ time: string; offset: string; kind: string; title: string; detail: string | null }>;
  analysis: {
    detection: TargetCheck;
    acknowledgement: TargetCheck;
    mitigation: TargetCheck;
    resolution: TargetCheck;
    communication: { firstCommunication: TargetCheck; updates: TargetCheck; statusUpdateCount: number };
  };
  rootCause: { description: string; fiveWhys: string[] };
  contributingFactors: string[];
  wentWell: string[];
  wentWrong: string[];
  gotLucky: string[];
  lessonsLearned: string[];
  actionItems: Array<{ title: string; owner: string; type: string; status: string; dueAt: string }>;
  freeSections: Array<{ title: string; body: string }>;
  blamelessFindings: Array<{ field: string; sentence: string; suggestion: string }>;
}

/** Dotted names of every variable, for error messages and the docs. */
export function knownVariables(shape: Shape = CONTEXT_SHAPE, prefix = ''): string[] {
  if (shape === 'value') return [prefix];
  if ('items' in shape) return shape.items === 'value' ? [prefix] : knownVariables(shape.items, `${prefix}[]`);
  return Object.entries(shape.fields).flatMap(([k, s]) => knownVariables(s, prefix ? `${prefix}.${k}` : k));
}
