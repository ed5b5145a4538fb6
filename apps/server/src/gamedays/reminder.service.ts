import { Inject, Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { dueReminders, formatSpan, GameDayRepository, tryParseSpan, type GameDay } from '#calendar';
import { LOGGER } from '../logging/logger.js';
import { REPLICA_ID } from '../scheduler/replica-id.js';
import { seriesOf, toGameDayDto, toOccurrenceDto } from './gameday.mapper.js';

/** Attempts per destination, and the pause before the second and third. */
export const REMINDER_ATTEMPTS = 3;
const BACKOFF_MS = [250, 1000];
const SEND_TIMEOUT_MS = 5000;

/**
 * Sends game-day reminders to a Slack incoming webhook (`{text}`) and/or a
 * generic webhook (JSON). A reminder is recorded before it is sent, once per
 * occurrence and lead time, so a restart or another replica never resends it.
 */
@Injectable()
export class ReminderService {
  constructor(
    private readonly gamedays: GameDayRepository,
    @Inject(REPLICA_ID) private readonly replica: string,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Returns how many reminders this replica sent or tried to send. */
  async sendDue(now: Date): Promise<number> {
    let sent = 0;
    for (const gameday of await this.gamedays.listWithReminders()) {
      const settings = gameday.reminders!;
      const leads = settings.leadTimes.map((text) => ({ text, ms: tryParseSpan(text) ?? 0 })).filter((l) => l.ms > 0);
      for (const due of dueReminders(seriesOf(gameday), leads, now)) {
        const claimed = await this.gamedays.claimReminder({
          gameDayId: gameday.id,
          occurrence: due.occurrence,
          leadTime: due.leadTime,
          claimedBy: this.replica,
          status: due.superseded ? 'skipped' : 'sending',
        });
        if (!claimed || due.superseded) continue;
        sent++;
        await this.deliver(gameday, due.occurrence, due.leadTime, now);
      }
    }
    return sent;
  }

  private async deliver(gameday: GameDay, occurrence: Date, leadTime: string, now: Date): Promise<void> {
    const settings = gameday.reminders!;
    const when = toOccurrenceDto(occurrence, gameday);
    const inText = formatSpan(Math.max(0, Math.round((occurrence.getTime() - now.getTime()) / 60_000) * 60_000)) || 'now';
    const local = DateTime.fromJSDate(occurrence, { zone: gameday.timezone }).toFormat("ccc d LLL yyyy HH:mm '('ZZZZ')'");
    const targets: { name: string; url: string; body: unknown }[] = [];
    if (settings.slackWebhookUrl) {
      const label = gameday.kind === 'tabletop' ? 'Tabletop' : 'Game day';
      const text = `${label} "${gameday.title}" starts in ${inText}: ${local}. Facilitator: ${gameday.facilitator}.${gameday.scenarios.length ? ` Scenarios: ${gameday.scenarios.join(', ')}.` : ''}`;
      targets.push({ name: 'slack', url: settings.slackWebhookUrl, body: { text } });
    }
    if (settings.webhookUrl) {
      const dto = toGameDayDto(gameday, now);
      // Destinations are third parties: leave other destinations' URLs out.
      const safe = { ...dto, reminders: { leadTimes: settings.leadTimes } };
      targets.push({ name: 'webhook', url: settings.webhookUrl, body: { event: 'gameday.reminder', leadTime, gameday: safe, occurrence: when } });
    }
    let attempts = 0;
    const errors: string[] = [];
    for (const target of targets) {
      const result = await post(target.url, target.body);
      attempts += result.attempts;
      if (result.error) errors.push(`${target.name}: ${result.error}`);
    }
    const log = { component: 'reminders', gamedayId: gameday.id, occurrence: occurrence.toISOString(), leadTime, attempts };
    if (errors.length) {
      this.logger.error({ ...log, errors }, `reminder for game day "${gameday.title}" failed after ${REMINDER_ATTEMPTS} attempts`);
      await this.gamedays.finishReminder({ gameDayId: gameday.id, occurrence, leadTime, status: 'failed', attempts, error: errors.join('; ') });
    } else {
      this.logger.info(log, `reminder for game day "${gameday.title}" sent`);
      await this.gamedays.finishReminder({ gameDayId: gameday.id, occurrence, leadTime, status: 'sent', attempts });
    }
  }
}

async function post(url: string, body: unknown): Promise<{ attempts: number; error?: string }> {
  let error = '';
  for (let attempt = 1; attempt <= REMINDER_ATTEMPTS; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'firedrill-reminders' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { attempts: attempt };
      error = `HTTP ${res.status}`;
      // A 4xx other than 429 will not get better by retrying.
      if (res.status < 500 && res.status !== 429) return { attempts: attempt, error };
    } catch (err) {
      error = (err as Error).message;
    }
    if (attempt < REMINDER_ATTEMPTS) await new Promise((r) => setTimeout(r, BACKOFF_MS[attempt - 1]));
  }
  return { attempts: REMINDER_ATTEMPTS, error };
}
