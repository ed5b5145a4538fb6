import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { requireTeamAccess, TeamRepository, type Principal } from '#access';
import {
  Clock,
  expandSeries,
  formatRecurrence,
  GameDayRepository,
  isOccurrence,
  isTimeZone,
  nextOccurrence,
  parseRecurrence,
  renderCalendar,
  TIME_ZONE_HINT,
  tryParseSpan,
  type GameDay,
  type GameDayChanges,
  type ReminderSettings,
} from '#calendar';
import { NotFoundError, TeamNotFound, ValidationError, type FieldIssue, type GameDayDto, type GameDayOccurrenceDto } from '#contracts';
import { TokenAuthenticator } from '../auth/token-authenticator.service.js';
import type { CreateGameDay, GameDayException, GameDayList, OccurrenceRange, UpdateGameDay } from './gamedays.dto.js';
import { seriesOf, toGameDayDto, toGameDayOccurrenceDto } from './gameday.mapper.js';

const DEFAULT_RANGE_DAYS = 90;
const MAX_RANGE_DAYS = 731;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

interface Timing {
  startsAt: string;
  timezone: string;
  recurrence: string | null;
  reminders: ReminderSettings | null;
}

/** Reads, writes and renders game days; every change is validated as a whole. */
@Injectable()
export class GamedaysService {
  constructor(
    private readonly gamedays: GameDayRepository,
    private readonly teams: TeamRepository,
    private readonly clock: Clock,
    private readonly authenticator: TokenAuthenticator,
  ) {}

  async create(principal: Principal, body: CreateGameDay): Promise<GameDayDto> {
    requireTeamAccess(principal, body.team);
    const timing = this.checkTiming({ startsAt: body.startsAt, timezone: body.timezone, recurrence: body.recurrence ?? null, reminders: body.reminders ?? null });
    await this.requireTeam(body.team);
    const created = await this.gamedays.create({
      team: body.team,
      title: body.title,
      kind: body.kind,
      scenarios: body.scenarios,
      durationMinutes: body.durationMinutes,
      facilitator: body.facilitator,
      participants: body.participants,
      autoStart: body.autoStart,
      ...timing,
    });
    return toGameDayDto(created, this.clock.now());
  }

  /** The series of one team (the token's own team when it is team-scoped and none is given). */
  async list(principal: Principal, query: GameDayList): Promise<{ items: GameDayDto[] }> {
    const team = query.team ?? principal.teamSlug;
    if (!team) throw new ValidationError('The query string is invalid', [{ path: 'team', message: 'is required: the team whose game days to list' }]);
    requireTeamAccess(principal, team);
    await this.requireTeam(team);
    const now = this.clock.now();
    return { items: (await this.gamedays.listByTeam(team)).map((g) => toGameDayDto(g, now)) };
  }

  async get(principal: Principal, id: string): Promise<GameDayDto> {
    const gameday = await this.load(principal, id);
    return toGameDayDto(gameday, this.clock.now(), await this.gamedays.listRuns(id, 50));
  }

  async update(principal: Principal, id: string, body: UpdateGameDay): Promise<GameDayDto> {
    const current = await this.load(principal, id);
    const timing = this.checkTiming({
      startsAt: body.startsAt ?? current.startsAt.toISOString(),
      timezone: body.timezone ?? current.timezone,
      recurrence: body.recurrence !== undefined ? body.recurrence : current.recurrence,
      reminders: body.reminders !== undefined ? body.reminders : current.reminders,
    });
    const changes: GameDayChanges = { ...timing };
    for (const key of ['title', 'kind', 'scenarios', 'durationMinutes', 'facilitator', 'participants', 'autoStart'] as const) {
      if (body[key] !== undefined) (changes as Record<string, unknown>)[key] = body[key];
    }
    const updated = await this.gamedays.update(id, changes);
    if (!updated) throw new NotFoundError('gameday', id);
    return toGameDayDto(updated, this.clock.now());
  }

  async delete(principal: Principal, id: string): Promise<void> {
    await this.load(principal, id);
    await this.gamedays.delete(id);
  }

  /** Cancels one occurrence (EXDATE); the series and its other occurrences stay. */
  async cancelOccurrence(principal: Principal, id: string, body: GameDayException): Promise<GameDayDto> {
    const current = await this.load(principal, id);
    const at = new Date(body.occurrence);
    if (Number.isNaN(at.getTime()) || !isOccurrence(seriesOf(current), at)) {
      const next = expandSeries(seriesOf(current), { from: this.clock.now(), to: new Date(8.64e15), limit: 3 }).map((d) => d.toISOString());
      throw new ValidationError('The occurrence is not part of this game day', [
        { path: 'occurrence', message: `"${body.occurrence}" is not an occurrence of this game day${next.length ? `; upcoming ones are ${next.join(', ')}` : ''}` },
      ]);
    }
    if (current.exdates.some((d) => d.getTime() === at.getTime())) return toGameDayDto(current, this.clock.now());
    const updated = await this.gamedays.update(id, { exdates: [...current.exdates, at].sort((a, b) => a.getTime() - b.getTime()) });
    if (!updated) throw new NotFoundError('gameday', id);
    return toGameDayDto(updated, this.clock.now());
  }

  async occurrences(principal: Principal, slug: string, range: OccurrenceRange): Promise<{ items: GameDayOccurrenceDto[]; from: string; to: string }> {
    requireTeamAccess(principal, slug);
    const from = range.from ? new Date(range.from) : this.clock.now();
    const to = range.to ? new Date(range.to) : DateTime.fromJSDate(from).plus({ days: DEFAULT_RANGE_DAYS }).toJSDate();
    const issues: FieldIssue[] = [];
    if (to <= from) issues.push({ path: 'to', message: 'must be after from' });
    else if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * 86_400_000) issues.push({ path: 'to', message: `the range may span at most ${MAX_RANGE_DAYS} days` });
    if (issues.length) throw new ValidationError('The query string is invalid', issues);
    await this.requireTeam(slug);
    const items = (await this.gamedays.listByTeam(slug))
      .flatMap((g) => expandSeries(seriesOf(g), { from, to, limit: 1000 }).map((start) => toGameDayOccurrenceDto(start, g)))
      .sort((a, b) => a.start.localeCompare(b.start));
    return { items, from: from.toISOString(), to: to.toISOString() };
  }

  /** The team's iCalendar feed; the token comes in the URL because calendar apps cannot send headers. */
  async calendar(slug: string, token: string | undefined, feedUrl: string): Promise<string> {
    const principal = await this.authenticator.authenticate(token);
    requireTeamAccess(principal, slug);
    const team = await this.teams.find(slug);
    if (!team) throw new TeamNotFound(slug);
    const events = (await this.gamedays.listByTeam(slug)).map((g) => ({
      uid: `${g.id}@firedrill`,
      summary: `${g.kind === 'tabletop' ? 'Tabletop' : 'Game day'}: ${g.title}`,
      description: describe(g),
      start: g.startsAt,
      durationMinutes: g.durationMinutes,
      timezone: g.timezone,
      rrule: g.recurrence,
      exdates: g.exdates,
      sequence: g.sequence,
      stamp: g.updatedAt,
      categories: [g.kind],
    }));
    return renderCalendar({ name: `${team.name} game days`, events, url: feedUrl, now: this.clock.now() });
  }

  private async load(principal: Principal, id: string): Promise<GameDay> {
    const found = /^[0-9a-f-]{36}$/i.test(id) ? await this.gamedays.find(id) : null;
    if (!found) throw new NotFoundError('gameday', id);
    requireTeamAccess(principal, found.team);
    return found;
  }

  private async requireTeam(slug: string): Promise<void> {
    if (!(await this.teams.find(slug))) throw new TeamNotFound(slug);
  }

  /** Time zone, start, recurrence and reminders, checked together so every problem is listed. */
  private checkTiming(input: Timing): { startsAt: Date; timezone: string; recurrence: string | null; reminders: ReminderSettings | null } {
    const issues: FieldIssue[] = [];
    const tzOk = isTimeZone(input.timezone);
    if (!tzOk) issues.push({ path: 'timezone', message: `unknown time zone "${input.timezone}"; ${TIME_ZONE_HINT}` });
    const zone = tzOk ? input.timezone : 'UTC';
    const parsed = HAS_OFFSET.test(input.startsAt) ? DateTime.fromISO(input.startsAt, { setZone: true }) : DateTime.fromISO(input.startsAt, { zone });
    if (!parsed.isValid) issues.push({ path: 'startsAt', message: `"${input.startsAt}" is not an ISO 8601 date-time such as 2026-01-13T10:00 or 2026-01-13T10:00:00+01:00` });
    const startsAt = parsed.isValid ? parsed.toJSDate() : new Date(0);
    let recurrence: string | null = null;
    if (input.recurrence !== null && input.recurrence !== '') {
      try {
        const rule = parseRecurrence(input.recurrence, zone);
        recurrence = formatRecurrence(rule);
        if (parsed.isValid && nextOccurrence({ start: startsAt, timezone: zone, rule }, startsAt) === null)
          issues.push({ path: 'recurrence', message: `"${input.recurrence}" produces no occurrence after startsAt` });
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        issues.push(...error.errors);
      }
    }
    const reminders = input.reminders;
    if (reminders) {
      reminders.leadTimes.forEach((lead, i) => {
        const ms = tryParseSpan(lead);
        if (ms === null || ms <= 0) issues.push({ path: `reminders.leadTimes.${i}`, message: `"${lead}" is not a lead time such as 24h, 1h or 30m` });
        else if (ms > 30 * 86_400_000) issues.push({ path: `reminders.leadTimes.${i}`, message: `"${lead}" is longer than 30 days` });
      });
      if (!reminders.slackWebhookUrl && !reminders.webhookUrl) issues.push({ path: 'reminders', message: 'needs slackWebhookUrl or webhookUrl to send to' });
      if (new Set(reminders.leadTimes).size !== reminders.leadTimes.length) issues.push({ path: 'reminders.leadTimes', message: 'lists a lead time twice' });
    }
    if (issues.length) throw new ValidationError(`The game day is invalid (${issues.length} problem${issues.length === 1 ? '' : 's'})`, issues);
    return { startsAt, timezone: input.timezone, recurrence, reminders: reminders ?? null };
  }
}

function describe(g: GameDay): string {
  const lines = [`Facilitator: ${g.facilitator}`];
  if (g.scenarios.length) lines.push(`Scenarios: ${g.scenarios.join(', ')}`);
  if (g.participants.length) lines.push(`Participants: ${g.participants.map((p) => `${p.name} (${p.role})`).join(', ')}`);
  return lines.join('\n');
}
