import { ANNOTATIONS, TOUCHED_LABEL, type KubeObject } from '../kube-object.js';
import type { InjectionRecord } from '../records.js';
import { TargetBusyError } from '../errors.js';

/** Marks an object as changed by `record`, with the undo data on the object itself. */
export function markTouched(object: KubeObject, record: InjectionRecord, undo: unknown): void {
  object.metadata.annotations = {
    ...(object.metadata.annotations ?? {}),
    [ANNOTATIONS.run]: record.runId,
    [ANNOTATIONS.record]: record.id,
    [ANNOTATIONS.expiresAt]: record.expiresAt.toISOString(),
    [ANNOTATIONS.undo]: JSON.stringify(undo),
  };
  object.metadata.labels = { ...(object.metadata.labels ?? {}), [TOUCHED_LABEL]: 'true' };
}

export function clearTouched(object: KubeObject): void {
  const annotations = { ...(object.metadata.annotations ?? {}) };
  for (const key of Object.values(ANNOTATIONS)) delete annotations[key];
  object.metadata.annotations = annotations;
  const labels = { ...(object.metadata.labels ?? {}) };
  delete labels[TOUCHED_LABEL];
  object.metadata.labels = labels;
}

export function holder(object: KubeObject): string | undefined {
  return object.metadata.annotations?.[ANNOTATIONS.record];
}

/** Refuses to stack two faults on one object: recovery must be unambiguous. */
export function assertFreeOrOurs(object: KubeObject, record: InjectionRecord, what: string): boolean {
  const h = holder(object);
  if (h && h !== record.id) throw new TargetBusyError(what, h);
  return h === record.id;
}

export function undoFromObject<T>(object: KubeObject): T | null {
  const raw = object.metadata.annotations?.[ANNOTATIONS.undo];
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}
