/** Wire shapes of the game-day calendar and continuous-chaos schedules. */

export interface OccurrenceDto {
  /** UTC instant (ISO 8601, `Z`): the key to cancel this occurrence. */
  start: string;
  /** The same instant in the series' time zone, with its offset. */
  startLocal: string;
  end: string;
  endLocal: string;
  timezone: string;
}

export interface GameDayDto {
  id: string;
  team: string;
  title: string;
  kind: 'gameday' | 'tabletop';
  scenarios: string[];
  startsAt: string;
  startsAtLocal: string;
  timezone: string;
  durationMinutes: number;
  facilitator: string;
  participants: { name: string; role: string }[];
  recurrence: string | null;
  /** Cancelled occurrences (UTC instants). */
  exceptions: string[];
  reminders: { leadTimes: string[]; slackWebhookUrl?: string; webhookUrl?: string } | null;
  /** Start `scenarios` through the run engine when an occurrence begins. */
  autoStart: boolean;
  /** Scenarios started (or not) for past occurrences of an auto-started game day, newest first (GET one only). */
  runs: { occurrence: string; scenario: string; outcome: 'starting' | 'fired' | 'skipped' | 'failed'; reason: string | null; detail: string | null; runId: string | null }[];
  sequence: number;
  nextOccurrences: OccurrenceDto[];
  createdAt: string;
  updatedAt: string;
}

export interface GameDayOccurrenceDto extends OccurrenceDto {
  gamedayId: string;
  title: string;
  kind: 'gameday' | 'tabletop';
  scenarios: string[];
  facilitator: string;
}

export interface ScheduleDto {
  id: string;
  name: string;
  team: string;
  scenario: string;
  cron: string;
  timezone: string;
  window: { days?: string[]; start: string; end: string } | null;
  jitter: string | null;
  blackouts: { from: string; to: string; reason?: string }[];
  missedPolicy: 'skip' | 'run-if-within-grace';
  grace: string | null;
  enabled: boolean;
  source: 'api' | 'file';
  /** Planned starts of the next occurrences that pass the window and blackouts (halts are checked at run time). */
  upcoming: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ScheduleDecisionDto {
  id: string;
  occurrence: string;
  plannedAt: string;
  decidedAt: string;
  outcome: 'fired' | 'skipped' | 'failed';
  reason: string | null;
  detail: string | null;
  runId: string | null;
  replica: string;
}
