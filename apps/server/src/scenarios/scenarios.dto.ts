import { z } from 'zod';
import { NotFoundError } from '#contracts';
import { DOCUMENT_KINDS, type DocumentKind } from '#scenario';

const KINDS_BY_LOWER = new Map<string, DocumentKind>(DOCUMENT_KINDS.map((k) => [k.toLowerCase(), k]));

/** `scenario`, `Tabletop`, `SCHEDULE`… → the document kind; undefined when unknown. */
export function kindFrom(value: string): DocumentKind | undefined {
  return KINDS_BY_LOWER.get(value.toLowerCase());
}

/** The kind segment of a URL; an unknown kind is a missing resource. */
export function kindFromPath(value: string): DocumentKind {
  const kind = kindFrom(value);
  if (!kind) throw new NotFoundError('Document kind', value);
  return kind;
}

const KindSchema = z
  .string()
  .transform((v) => kindFrom(v))
  .refine((v): v is DocumentKind => v !== undefined, `must be one of ${DOCUMENT_KINDS.map((k) => k.toLowerCase()).join(', ')}`);

export const ListScenariosSchema = z.object({
  kind: KindSchema.optional(),
  team: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const VersionQuerySchema = z.object({
  version: z.coerce.number().int().min(1).optional(),
});

/** JSON form of the upload; the YAML form is the request body itself (application/yaml). */
export const SaveScenarioJsonSchema = z.strictObject({
  yaml: z.string(),
});

export type ListScenarios = z.infer<typeof ListScenariosSchema>;
export type VersionQuery = z.infer<typeof VersionQuerySchema>;
