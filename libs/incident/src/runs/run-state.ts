import { IllegalTransitionError } from '#contracts';

export const RUN_STATES = ['scheduled', 'preflight', 'running', 'recovering', 'completed', 'aborted', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const FINAL_RUN_STATES: readonly RunState[] = ['completed', 'aborted', 'failed'];

/** Every legal move. Aborting always passes through `recovering` so faults come out first. */
export const RUN_TRANSITIONS: Record<RunState, readonly RunState[]> = {
  scheduled: ['preflight', 'aborted'],
  preflight: ['running', 'failed', 'aborted'],
  running: ['recovering'],
  recovering: ['completed', 'aborted', 'failed'],
  completed: [],
  aborted: [],
  failed: [],
};

export interface TransitionGuardContext {
  /** Records of the run that still hold a change in the cluster. */
  injectedRecords: number;
}

/**
 * The run lifecycle as a typed state machine with a guard hook: a run cannot
 * complete (or end at all) while one of its faults is still injected.
 */
export class RunStateMachine {
  static canTransition(from: RunState, to: RunState): boolean {
    return RUN_TRANSITIONS[from].includes(to);
  }

  static assertTransition(from: RunState, to: RunState, ctx?: TransitionGuardContext): void {
    if (!RunStateMachine.canTransition(from, to)) throw new IllegalTransitionError('run', from, to);
    if (ctx && FINAL_RUN_STATES.includes(to) && from === 'recovering' && ctx.injectedRecords > 0) {
      throw new IllegalTransitionError('run', from, `${to} (${ctx.injectedRecords} fault(s) still injected)`);
    }
  }

  static isFinal(state: RunState): boolean {
    return FINAL_RUN_STATES.includes(state);
  }
}
