import { z } from 'zod';
import { DNS1123_LABEL } from '#contracts';
import { GAMEDAY_KINDS } from '#calendar';

const name = z.string().trim().min(1, 'must not be empty').max(200);
const webhookUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).max(2000);

const RemindersSchema = z.strictObject({
  leadTimes: z.array(z.string()).min(1, 'must list at least one lead time such as 24h').max(10),
  slackWebhookUrl: webhookUrl.optional(),
  webhookUrl: webhookUrl.optional(),
});

const fields = {
  title: name,
  scenarios: z.array(z.string().trim().min(1).max(200)).max(50),
  kind: z.enum(GAMEDAY_KINDS),
  /** ISO 8601; without an offset it is read as local time in `timezone`. */
  startsAt: z.string().min(1, 'must be an ISO 8601 date-time'),
  timezone: z.string().min(1),
  durationMinutes: z.number().int().min(1).max(7 * 24 * 60),
  facilitator: name,
  participants: z.array(z.strictObject({ name, role: z.string().trim().min(1).max(100) })).max(200),
  recurrence: z.string().max(500).nullable(),
  reminders: RemindersSchema.nullable(),
  autoStart: z.boolean(),
};

export const CreateGameDaySchema = z.strictObject({
  team: z.string().regex(DNS1123_LABEL, 'must be a team slug'),
  title: fields.title,
  scenarios: fields.scenarios.default([]),
  kind: fields.kind.default('gameday'),
  startsAt: fields.startsAt,
  timezone: fields.timezone,
  durationMinutes: fields.durationMinutes.default(240),
  facilitator: fields.facilitator,
  participants: fields.participants.default([]),
  recurrence: fields.recurrence.optional(),
  reminders: fields.reminders.optional(),
  autoStart: fields.autoStart.default(false),
});

export const UpdateGameDaySchema = z.strictObject({
  title: fields.title.optional(),
  scenarios: fields.scenarios.optional(),
  kind: fields.kind.optional(),
  startsAt: fields.startsAt.optional(),
  timezone: fields.timezone.optional(),
  durationMinutes: fields.durationMinutes.optional(),
  facilitator: fields.facilitator.optional(),
  participants: fields.participants.optional(),
  recurrence: fields.recurrence.optional(),
  reminders: fields.reminders.optional(),
  autoStart: fields.autoStart.optional(),
});

export const ExceptionSchema = z.strictObject({
  occurrence: z.string().min(1, 'must be the start of an occurrence (ISO 8601)'),
});

export const OccurrenceRangeSchema = z.object({
  from: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' }).optional(),
});

export const GameDayListSchema = z.object({
  team: z.string().regex(DNS1123_LABEL, 'must be a team slug').optional(),
});

export type CreateGameDay = z.infer<typeof CreateGameDaySchema>;
export type UpdateGameDay = z.infer<typeof UpdateGameDaySchema>;
export type GameDayException = z.infer<typeof ExceptionSchema>;
export type OccurrenceRange = z.infer<typeof OccurrenceRangeSchema>;
export type GameDayList = z.infer<typeof GameDayListSchema>;
