import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ValidationError, type FieldIssue } from '#contracts';
import { DETECTION_SOURCES, SEVERITIES, type ImportedIncident } from './incident-record.js';

const MAX_ROWS = 10_000;
const instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a time zone, e.g. 2026-03-01T10:42:00Z' });
const optionalInstant = instant.nullish();
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

const ActionItemRow = z.strictObject({
  title: text(500),
  owner: text(200),
  type: z.enum(['mitigate', 'prevent', 'process']),
  status: z.enum(['open', 'done', 'dropped']).default('open'),
  dueAt: optionalInstant,
  completedAt: optionalInstant,
});

const IncidentRow = z.strictObject({
  externalId: text(200),
  title: text(500),
  severity: z.enum(SEVERITIES),
  service: text(200),
  startedAt: instant,
  detectedAt: optionalInstant,
  acknowledgedAt: optionalInstant,
  mitigatedAt: optionalInstant,
  resolvedAt: optionalInstant,
  customerReportedAt: optionalInstant,
  firstCommunicatedAt: optionalInstant,
  detectionSource: z.enum(DETECTION_SOURCES).nullish(),
  rootCause: z.string().trim().max(5000).nullish(),
  postmortemPublishedAt: optionalInstant,
  statusUpdates: z.array(instant).max(1000).default([]),
  incidentCommanderAssigned: z.boolean().default(false),
  runbookLinked: z.boolean().default(false),
  actionItems: z.array(ActionItemRow).max(200).default([]),
});

/** Every timestamp that must not precede another one: [later, earlier]. */
const ORDER: Array<[string, string]> = [
  ['detectedAt', 'startedAt'],
  ['acknowledgedAt', 'startedAt'],
  ['acknowledgedAt', 'detectedAt'],
  ['mitigatedAt', 'startedAt'],
  ['resolvedAt', 'startedAt'],
  ['resolvedAt', 'detectedAt'],
  ['resolvedAt', 'acknowledgedAt'],
  ['resolvedAt', 'mitigatedAt'],
  ['customerReportedAt', 'startedAt'],
  ['firstCommunicatedAt', 'startedAt'],
  ['postmortemPublishedAt', 'resolvedAt'],
];

const date = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);

/** A raw row plus the line it came from (CSV). */
interface RawRow {
  value: unknown;
  line?: number;
}

/**
 * Validates an import and returns every row, or throws one ValidationError
 * listing every bad row and field (`rows[3].resolvedAt`), so nothing is
 * imported when anything is wrong.
 */
export function validateIncidentImport(rows: RawRow[]): ImportedIncident[] {
  const issues: FieldIssue[] = [];
  const out: ImportedIncident[] = [];
  if (rows.length === 0) issues.push({ path: 'rows', message: 'contains no incident' });
  if (rows.length > MAX_ROWS) issues.push({ path: 'rows', message: `contains ${rows.length} incidents; at most ${MAX_ROWS} per import` });
  const seen = new Map<string, number>();
  rows.forEach((row, i) => {
    const at = (field: string) => `rows[${i}]${field ? '.' + field : ''}`;
    const push = (field: string, message: string) => issues.push({ path: at(field), message, ...(row.line ? { line: row.line } : {}) });
    // Timestamps out of order are reported even when other fields are invalid.
    const raw = row.value && typeof row.value === 'object' && !Array.isArray(row.value) ? (row.value as Record<string, unknown>) : {};
    const stamp = (field: string) => (instant.safeParse(raw[field]).success ? (raw[field] as string) : null);
    for (const [later, earlier] of ORDER) {
      const a = stamp(later);
      const b = stamp(earlier);
      if (a && b && Date.parse(a) < Date.parse(b)) push(later, `${a} is before ${earlier} ${b}`);
    }
    const start = stamp('startedAt');
    if (start && Array.isArray(raw.statusUpdates)) {
      raw.statusUpdates.forEach((u, j) => {
        if (instant.safeParse(u).success && Date.parse(u as string) < Date.parse(start)) push(`statusUpdates[${j}]`, `${u as string} is before startedAt ${start}`);
      });
    }
    const parsed = IncidentRow.safeParse(row.value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === 'unrecognized_keys') issue.keys.forEach((k) => push([...issue.path.map(String), k].join('.'), 'is not a known field'));
        else push(issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '['), issue.message);
      }
      return;
    }
    const r = parsed.data;
    r.actionItems.forEach((item, j) => {
      if (item.status === 'done' && !item.completedAt) push(`actionItems[${j}].completedAt`, 'is required when status is done');
    });
    const first = seen.get(r.externalId);
    if (first !== undefined) push('externalId', `'${r.externalId}' already appears in rows[${first}]`);
    else seen.set(r.externalId, i);
    out.push({
      externalId: r.externalId,
      title: r.title,
      severity: r.severity,
      service: r.service,
      startedAt: new Date(r.startedAt),
      detectedAt: date(r.detectedAt),
      acknowledgedAt: date(r.acknowledgedAt),
      mitigatedAt: date(r.mitigatedAt),
      resolvedAt: date(r.resolvedAt),
      customerReportedAt: date(r.customerReportedAt),
      firstCommunicatedAt: date(r.firstCommunicatedAt),
      detectionSource: r.detectionSource ?? null,
      rootCause: r.rootCause || null,
      postmortemPublishedAt: date(r.postmortemPublishedAt),
      statusUpdates: r.statusUpdates.map((u) => new Date(u)).sort((x, y) => x.getTime() - y.getTime()),
      incidentCommanderAssigned: r.incidentCommanderAssigned,
      runbookLinked: r.runbookLinked,
      actionItems: r.actionItems.map((a) => ({
        title: a.title,
        owner: a.owner,
        type: a.type,
        status: a.status,
        dueAt: date(a.dueAt),
        completedAt: a.status === 'done' ? date(a.completedAt) : null,
      })),
    });
  });
  if (issues.length > 0) {
    const badRows = new Set(issues.map((x) => x.path.match(/^rows\[(\d+)\]/)?.[1]).filter(Boolean)).size;
    throw new ValidationError(`The import is invalid: ${issues.length} problem${issues.length === 1 ? '' : 's'} in ${badRows} row${badRows === 1 ? '' : 's'}; nothing was imported`, issues);
  }
  return out;
}

/** A JSON import: an array of incidents (or `{incidents: [...]}`). */
export function parseIncidentJson(body: unknown): ImportedIncident[] {
  const list = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { incidents?: unknown }).incidents) ? (body as { incidents: unknown[] }).incidents : null;
  if (!list) throw new ValidationError('The import must be a JSON array of incidents', [{ path: '(root)', message: 'must be an array of incidents' }]);
  return validateIncidentImport(list.map((value) => ({ value })));
}

const BOOLEAN_CELLS: Record<string, boolean> = { true: true, yes: true, y: true, '1': true, false: false, no: false, n: false, '0': false };
const CSV_COLUMNS = new Set(Object.keys(IncidentRow.shape).filter((k) => k !== 'actionItems'));

/**
 * A CSV import with a header row naming the JSON fields; `statusUpdates` holds
 * timestamps separated by `;`; empty cells are absent values.
 */
export function parseIncidentCsv(source: string): ImportedIncident[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(source, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false }) as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new ValidationError('The CSV cannot be read', [{ path: '(root)', message: e.message, ...(e.lines ? { line: e.lines } : {}) }]);
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const unknown = header.filter((h) => !CSV_COLUMNS.has(h));
  if (unknown.length > 0) {
    throw new ValidationError('The CSV header names unknown columns', unknown.map((h) => ({ path: `columns.${h}`, message: `is not a known column (known: ${[...CSV_COLUMNS].join(', ')})`, line: 1 })));
  }
  return validateIncidentImport(
    records.map(({ record, info }) => {
      const value: Record<string, unknown> = {};
      for (const [key, cell] of Object.entries(record)) {
        if (cell === '') continue;
        if (key === 'statusUpdates') value[key] = cell.split(';').map((s) => s.trim()).filter(Boolean);
        else if (key === 'incidentCommanderAssigned' || key === 'runbookLinked') value[key] = BOOLEAN_CELLS[cell.toLowerCase()] ?? cell;
        else value[key] = cell;
      }
      return { value, line: info.lines };
    }),
  );
}
