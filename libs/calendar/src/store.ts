import type { MissedPolicy, DecisionOutcome, DecisionReason } from './schedule-policy.js';
import type { AllowedWindow, Blackout } from './window.js';

export const GAMEDAY_KINDS = ['gameday', 'tabletop'] as const;
export type GameDayKind = (typeof GAMEDAY_KINDS)[number];

export interface Participant {
  name: string;
  role: string;
}

export interface ReminderSettings {
  /** Lead times such as `24h` and `1h`. */
  leadTimes: string[];
  slackWebhookUrl?: string;
  webhookUrl?: string;
}

/** A game day or tabletop series on a team's calendar. */
export interface GameDay {
  id: string;
  team: string;
  title: string;
  kind: GameDayKind;
  scenarios: string[];
  /** First occurrence (DTSTART). */
  startsAt: Date;
  timezone: string;
  durationMinutes: number;
  facilitator: string;
  participants: Participant[];
  /** Canonical RRULE value, or null for a one-off. */
  recurrence: string | null;
  /** Cancelled occurrences (EXDATE). */
  exdates: Date[];
  reminders: ReminderSettings | null;
  /** Start `scenarios` at each occurrence through the run engine (trigger `gameday`). */
  autoStart: boolean;
  /** RFC 5545 SEQUENCE, bumped on every edit. */
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

export type NewGameDay = Omit<GameDay, 'id' | 'exdates' | 'sequence' | 'createdAt' | 'updatedAt'>;
export type GameDayChanges = Partial<Omit<GameDay, 'id' | 'team' | 'sequence' | 'createdAt' | 'updatedAt'>>;

export type ReminderStatus = 'sending' | 'sent' | 'failed' | 'skipped';

/** What happened to one auto-started scenario of one game-day occurrence. */
export interface GameDayRun {
  gameDayId: string;
  occurrence: Date;
  scenario: string;
  outcome: 'starting' | 'fired' | 'skipped' | 'failed';
  reason: string | null;
  detail: string | null;
  runId: string | null;
  replica: string;
  decidedAt: Date;
}

/** Port: game days and the record of reminders sent for them. */
export abstract class GameDayRepository {
  abstract create(input: NewGameDay): Promise<GameDay>;
  abstract find(id: string): Promise<GameDay | null>;
  abstract listByTeam(team: string): Promise<GameDay[]>;
  abstract listWithReminders(): Promise<GameDay[]>;
  /** Applies the changes and bumps the sequence; null when the game day does not exist. */
  abstract update(id: string, changes: GameDayChanges): Promise<GameDay | null>;
  abstract delete(id: string): Promise<boolean>;
  /** Records a reminder once per occurrence and lead time; false when any replica already did. */
  abstract claimReminder(input: { gameDayId: string; occurrence: Date; leadTime: string; claimedBy: string; status: 'sending' | 'skipped' }): Promise<boolean>;
  abstract finishReminder(input: { gameDayId: string; occurrence: Date; leadTime: string; status: 'sent' | 'failed'; attempts: number; error?: string }): Promise<void>;
  abstract listAutoStart(): Promise<GameDay[]>;
  /** Claims the start of one scenario of one occurrence; false when any replica already did. */
  abstract claimRun(input: { gameDayId: string; occurrence: Date; scenario: string; replica: string; at: Date }): Promise<boolean>;
  abstract finishRun(input: Pick<GameDayRun, 'gameDayId' | 'occurrence' | 'scenario' | 'outcome' | 'reason' | 'detail' | 'runId'>): Promise<void>;
  abstract listRuns(gameDayId: string, limit: number): Promise<GameDayRun[]>;
  abstract listReminders(gameDayId: string): Promise<{ occurrence: Date; leadTime: string; status: ReminderStatus; attempts: number; error: string | null }[]>;
}

/** A continuous-chaos schedule. */
export interface ChaosSchedule {
  id: string;
  name: string;
  team: string;
  scenario: string;
  cron: string;
  timezone: string;
  window: AllowedWindow | null;
  jitterMs: number;
  blackouts: Blackout[];
  missedPolicy: MissedPolicy;
  graceMs: number;
  enabled: boolean;
  /** `file` when loaded from a `kind: Schedule` document in the scenarios directory. */
  source: 'api' | 'file';
  /** Every cron occurrence up to here has been decided. */
  evaluatedUntil: Date;
  createdAt: Date;
  updatedAt: Date;
}

export type NewChaosSchedule = Omit<ChaosSchedule, 'id' | 'createdAt' | 'updatedAt'>;
export type ChaosScheduleChanges = Partial<Omit<ChaosSchedule, 'id' | 'name' | 'createdAt' | 'updatedAt' | 'evaluatedUntil'>>;

export interface ScheduleDecision {
  id: string;
  scheduleId: string;
  occurrence: Date;
  plannedAt: Date;
  decidedAt: Date;
  outcome: DecisionOutcome;
  reason: DecisionReason | null;
  detail: string | null;
  runId: string | null;
  replica: string;
}

/** Port: schedules, their evaluation cursor and their decision log. */
export abstract class ScheduleRepository {
  /** null when the name is taken. */
  abstract create(input: NewChaosSchedule): Promise<ChaosSchedule | null>;
  /** Inserts or replaces the definition with this name (the cursor moves to `evaluatedUntil` only on insert). */
  abstract upsertByName(input: NewChaosSchedule): Promise<ChaosSchedule>;
  abstract find(id: string): Promise<ChaosSchedule | null>;
  abstract list(options: { team?: string }): Promise<ChaosSchedule[]>;
  abstract listEnabled(): Promise<ChaosSchedule[]>;
  /** Applies the changes; the cursor moves to at least `now` so edits do not replay the past. */
  abstract update(id: string, changes: ChaosScheduleChanges, now: Date): Promise<ChaosSchedule | null>;
  abstract delete(id: string): Promise<boolean>;
  /** Moves the cursor forward (never back: replicas may race). */
  abstract advanceCursor(id: string, to: Date): Promise<void>;
  /** One decision per schedule and occurrence; false when one exists. */
  abstract recordDecision(decision: Omit<ScheduleDecision, 'id'>): Promise<boolean>;
  abstract listDecisions(scheduleId: string, page: { limit: number; offset: number }): Promise<{ items: ScheduleDecision[]; total: number }>;
}

/**
 * Port: at-most-once execution across replicas. The first replica to claim a
 * (job, occurrence) pair runs it; every other claim of the pair returns false.
 */
export abstract class JobClaims {
  abstract claim(jobKey: string, occurrence: Date, claimedBy: string): Promise<boolean>;
  /** Forgets claims of occurrences before `before`; returns how many. */
  abstract prune(before: Date): Promise<number>;
}
