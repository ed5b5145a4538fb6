import { IllegalTransitionError } from '#contracts';
import { RunStateMachine } from './run-state.js';

describe(RunStateMachine.name, () => {
  it('allows the normal lifecycle', () => {
    expect(() => RunStateMachine.assertTransition('scheduled', 'preflight')).not.toThrow();
    expect(() => RunStateMachine.assertTransition('preflight', 'running')).not.toThrow();
    expect(() => RunStateMachine.assertTransition('running', 'recovering')).not.toThrow();
    expect(() => RunStateMachine.assertTransition('recovering', 'completed', { injectedRecords: 0 })).not.toThrow();
  });

  it('never jumps from running straight to an end state', () => {
    expect(() => RunStateMachine.assertTransition('running', 'completed')).toThrow(IllegalTransitionError);
    expect(() => RunStateMachine.assertTransition('running', 'aborted')).toThrow("run cannot go from 'running' to 'aborted'");
  });

  it('refuses to end a run while a fault is still injected', () => {
    expect(() => RunStateMachine.assertTransition('recovering', 'completed', { injectedRecords: 2 })).toThrow(/2 fault\(s\) still injected/);
  });

  it('treats final states as final', () => {
    expect(RunStateMachine.isFinal('aborted')).toBe(true);
    expect(() => RunStateMachine.assertTransition('completed', 'running')).toThrow(IllegalTransitionError);
  });
});
