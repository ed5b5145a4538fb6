import { z } from 'zod';
import { DNS1123_LABEL } from '#contracts';
import { MISSED_POLICIES, WEEKDAYS } from '#calendar';

const WindowSchema = z.strictObject({
  days: z.array(z.enum(WEEKDAYS)).optional(),
  start: z.string(),
  end: z.string(),
});

const BlackoutSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  reason: z.string().max(500).optional(),
});

const fields = {
  scenario: z.string().trim().min(1, 'must name a scenario').max(200),
  cron: z.string().min(1, 'must be a cron expression such as "0 10 * * 1-5"').max(200),
  timezone: z.string().min(1),
  window: WindowSchema.nullable(),
  jitter: z.string().max(20).nullable(),
  blackouts: z.array(BlackoutSchema).max(100),
  missedPolicy: z.enum(MISSED_POLICIES),
  grace: z.string().max(20).nullable(),
  enabled: z.boolean(),
};

export const CreateScheduleSchema = z.strictObject({
  name: z.string().regex(DNS1123_LABEL, 'must be a DNS-1123 label: lowercase letters, digits and "-", at most 63 characters'),
  team: z.string().regex(DNS1123_LABEL, 'must be a team slug'),
  scenario: fields.scenario,
  cron: fields.cron,
  timezone: fields.timezone,
  window: fields.window.optional(),
  jitter: fields.jitter.optional(),
  blackouts: fields.blackouts.default([]),
  missedPolicy: fields.missedPolicy.default('skip'),
  grace: fields.grace.optional(),
  enabled: fields.enabled.default(true),
});

export const UpdateScheduleSchema = z.strictObject({
  scenario: fields.scenario.optional(),
  cron: fields.cron.optional(),
  timezone: fields.timezone.optional(),
  window: fields.window.optional(),
  jitter: fields.jitter.optional(),
  blackouts: fields.blackouts.optional(),
  missedPolicy: fields.missedPolicy.optional(),
  grace: fields.grace.optional(),
  enabled: fields.enabled.optional(),
});

export const ScheduleListSchema = z.object({
  team: z.string().regex(DNS1123_LABEL, 'must be a team slug').optional(),
});

export const DecisionPageSchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export type CreateSchedule = z.infer<typeof CreateScheduleSchema>;
export type UpdateSchedule = z.infer<typeof UpdateScheduleSchema>;
export type ScheduleList = z.infer<typeof ScheduleListSchema>;
export type DecisionPage = z.infer<typeof DecisionPageSchema>;
