import { z } from 'zod';
import { DNS1123_LABEL, type IntegrationDto } from '#contracts';
import type { Integration } from '#incident';

const HEADER_NAME = /^[A-Za-z0-9-]{1,100}$/;
const headerName = z.string().regex(HEADER_NAME, 'must be an HTTP header name (letters, digits and "-")');
const secret = z.string().min(8, 'must be at least 8 characters').max(500);
const common = {
  team: z.string().regex(DNS1123_LABEL, 'must be a team slug').optional(),
  name: z.string().trim().min(1, 'must not be empty').max(200),
};
const noOptions = z.strictObject({}).default({});

export const CreateIntegrationSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('alertmanager'), ...common, options: noOptions }),
  z.strictObject({
    type: z.literal('grafana'),
    ...common,
    options: z
      .strictObject({
        /** HMAC secret of the Grafana contact point; without it the token authenticates. */
        secret: secret.optional(),
        signatureHeader: headerName.optional(),
        timestampHeader: headerName.optional(),
      })
      .default({}),
  }),
  z.strictObject({
    type: z.literal('pagerduty'),
    ...common,
    options: z.strictObject({ secret: secret.describe("The webhook subscription's signing secret") }),
  }),
  z.strictObject({ type: z.literal('opsgenie'), ...common, options: noOptions }),
  z.strictObject({ type: z.literal('statuspage'), ...common, options: noOptions }),
  z.strictObject({ type: z.literal('generic'), ...common, options: noOptions }),
]);
export type CreateIntegration = z.infer<typeof CreateIntegrationSchema>;

export const DeadLetterPageSchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type DeadLetterPage = z.infer<typeof DeadLetterPageSchema>;

export const hookPath = (id: string) => `/api/v1/hooks/${id}`;

export const toIntegrationDto = (i: Integration): IntegrationDto => ({
  id: i.id,
  type: i.type,
  team: i.team,
  name: i.name,
  options: { ...i.options },
  hasSecret: i.secret !== null,
  url: hookPath(i.id),
  createdAt: i.createdAt.toISOString(),
});
