import type { InjectionRecord } from '../records.js';

export type RunPhaseForFaults = 'scheduled' | 'preflight' | 'running' | 'recovering' | 'completed' | 'aborted' | 'failed';

export interface PhaseContext {
  now: Date;
  /** State of the record's run; undefined when the run is unknown (database lost, foreign record). */
  runState: RunPhaseForFaults | undefined;
  haltInForce: boolean;
}

export type DesiredPhase = 'injected' | 'recovered';
export type DesiredReason = 'active' | 'halted' | 'run-aborted' | 'run-ended' | 'expired' | 'run-unknown';

/**
 * The one place that decides whether a fault should be in force. Everything
 * that recovers (step end, abort, halt, run end, crash recovery) goes
 * through here, so no path can forget a case.
 */
export function desiredPhase(record: Pick<InjectionRecord, 'expiresAt' | 'kind'>, ctx: PhaseContext): { phase: DesiredPhase; reason: DesiredReason } {
  if (ctx.haltInForce) return { phase: 'recovered', reason: 'halted' };
  if (ctx.runState === undefined) return { phase: 'recovered', reason: 'run-unknown' };
  if (ctx.runState === 'aborted') return { phase: 'recovered', reason: 'run-aborted' };
  if (ctx.runState !== 'running') return { phase: 'recovered', reason: 'run-ended' };
  if (ctx.now.getTime() >= record.expiresAt.getTime()) return { phase: 'recovered', reason: 'expired' };
  return { phase: 'injected', reason: 'active' };
}

/** Phases in which the cluster may hold a change made by the record. */
export function mayHoldChange(phase: InjectionRecord['phase']): boolean {
  return phase === 'injecting' || phase === 'injected' || phase === 'recovering' || phase === 'failed';
}
