/**
 * Flags language that blames people instead of describing the system, with a
 * suggested system-focused rewording. Advisory only: saving never fails.
 */
export interface BlamelessFinding {
  /** Section the sentence came from, e.g. `rootCause.fiveWhys[2]`. */
  field: string;
  sentence: string;
  /** The words that triggered the finding. */
  phrase: string;
  rule: BlamelessRuleId;
  suggestion: string;
}

export type BlamelessRuleId = 'human-error' | 'fault-of-person' | 'person-blame-verb' | 'hindsight' | 'judgement-of-person';

/** Capitalised words that start sentences or name systems, never a person. */
const NOT_A_PERSON = new Set(
  `The This That These Those It Its We Our Us They Their Nobody Someone Somebody Everyone Nothing Then When After Before During While Because Since If
   Once Although However Also And But So Yet A An At In On Of For From To With Without By Deploy Deployment Release Build Pipeline Service System Database
   Job Cron Alert Alerts Monitoring Cache Queue Cluster Node Pod Pods Server Servers Config Configuration Change Script Migration Test Tests Check Probe
   Network Load Balancer Disk Certificate Backup Kafka Redis Postgres PostgreSQL MySQL Kubernetes Nginx Envoy Istio Terraform Jenkins GitHub GitLab Grafana
   Prometheus Alertmanager PagerDuty Opsgenie Statuspage Slack Helm Docker Linux AWS GCP Azure DNS CDN API Firedrill Team On-call Oncall Responders
   Engineering Ops SRE Support Customers Customer Users User Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
   June July August September October November December`.split(/\s+/),
);

interface Pattern {
  rule: BlamelessRuleId;
  regex: RegExp;
  suggest: (m: RegExpExecArray) => string;
  /** Extra check on the match (e.g. the subject really is a person). */
  accept?: (m: RegExpExecArray) => boolean;
}

const PERSON = String.raw`(@[\w.-]+|[A-Z][a-z]+(?:\s[A-Z]\.)?|[Hh]e|[Ss]he)`;
const clean = (s: string | undefined) => (s ?? '').trim().replace(/[.!?;,]+$/, '');
const isPerson = (word: string) => {
  const w = word.replace(/^@/, '');
  return word.startsWith('@') || /^(he|she)$/i.test(w) || !NOT_A_PERSON.has(w.split(/\s/)[0]!);
};

const PATTERNS: Pattern[] = [
  {
    rule: 'human-error',
    regex: /\b(human|operator|pilot|engineer|user)[\s-]+errors?\b/gi,
    suggest: () =>
      "Replace 'human error' with the conditions that made the action possible and likely: which guardrail, check, default or piece of information was missing, e.g. 'the CLI applied the change to production without a confirmation step'.",
  },
  {
    rule: 'fault-of-person',
    regex: new RegExp(String.raw`(?<![\w@])${PERSON}'s\s+(fault|mistake|error|blunder)\b|\b(fault|mistake|blame)\s+(of|on|lies with)\s+${PERSON}\b|(?<![\w@])${PERSON}\s+(is|was)\s+to\s+blame\b|\bblame[sd]?\s+${PERSON}\b`, 'g'),
    accept: (m) => [m[1], m[5], m[6], m[8]].filter(Boolean).every((w) => isPerson(w!)),
    suggest: () => 'Describe what in the system allowed this to happen, e.g. "the pipeline let an unreviewed configuration change reach production", instead of whose fault it was.',
  },
  {
    rule: 'person-blame-verb',
    regex: new RegExp(
      String.raw`(?<![\w@])${PERSON}\s+(forgot to|forgot|failed to|neglected to|neglected|didn't bother to|did not bother to|broke|messed up|screwed up|botched|ignored|overlooked|should have|should've|caused)\b\s*([^.!?;]*)`,
      'g',
    ),
    accept: (m) => isPerson(m[1]!),
    suggest: (m) => {
      const verb = m[2]!.toLowerCase();
      const rest = clean(m[3]);
      if (verb.startsWith('forgot') || verb.startsWith('neglected') || verb.includes('bother') || verb === 'failed to' || verb.startsWith('should'))
        return rest
          ? `Nothing in the process or tooling made sure someone would ${rest}; name what was missing (a checklist step, an automation, an alert), e.g. "No reminder or automation ensured that we ${rest}".`
          : 'Name the step, automation or alert that was missing instead of the person who did not act.';
      if (verb === 'ignored' || verb === 'overlooked')
        return `Describe why the signal was easy to miss (noise, placement, wording) instead of who missed it, e.g. "The signal ${rest ? `(${rest}) ` : ''}was not distinguishable from routine noise".`;
      return `Describe the change and the safeguard that did not catch it, e.g. "A change${rest ? ` to ${rest}` : ''} reached production without a test, review or canary that would have caught it".`;
    },
  },
  {
    rule: 'hindsight',
    regex: /\b(should|could|ought to)\s+(have|'ve)\s+(known|caught|noticed|seen|realised|realized|checked|tested|anticipated|foreseen)\b|\bshould've\s+(known|caught|noticed|seen|checked)\b|\bobviously\b/gi,
    suggest: () => 'Hindsight: describe what information was unavailable or hard to find at the time, and how to surface it next time.',
  },
  {
    rule: 'judgement-of-person',
    regex: /\b(careless(ly|ness)?|negligen(t|ce|tly)|sloppy|sloppiness|incompeten(t|ce)|lazy|laziness|reckless(ly|ness)?|irresponsibl[ey]|stupid|dumb|idiot(ic)?|inattentive)\b/gi,
    suggest: () => 'Remove the judgement of people: describe the action, the context it happened in and why it made sense at the time.',
  },
];

/** Splits prose into sentences (good enough for postmortem text). */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=[A-Z"'(@])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Findings for one piece of text. */
export function checkBlameless(text: string, field = 'text'): BlamelessFinding[] {
  const findings: BlamelessFinding[] = [];
  for (const sentence of sentences(text)) {
    for (const p of PATTERNS) {
      p.regex.lastIndex = 0;
      for (let m = p.regex.exec(sentence); m; m = p.regex.exec(sentence)) {
        if (p.accept && !p.accept(m)) continue;
        findings.push({ field, sentence, phrase: m[0].trim().split(/\s+/).slice(0, 6).join(' '), rule: p.rule, suggestion: p.suggest(m) });
        break;
      }
    }
  }
  return findings;
}

/** Findings for every string in a nested structure, with the path of each field. */
export function checkBlamelessDeep(value: unknown, path = ''): BlamelessFinding[] {
  if (typeof value === 'string') return checkBlameless(value, path || 'text');
  if (Array.isArray(value)) return value.flatMap((v, i) => checkBlamelessDeep(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => checkBlamelessDeep(v, path ? `${path}.${k}` : k));
  return [];
}
