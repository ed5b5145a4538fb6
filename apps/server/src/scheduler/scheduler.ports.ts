import type { Provider } from '@nestjs/common';
import { ChaosGate, Clock, RunLauncher, SystemClock, type RunLaunchInput } from '#calendar';
import { DomainError, ErrorCodes } from '#contracts';
import { EngineChaosGate, EngineRunLauncher } from '../runs/run-ports.js';

/** Until the run engine binds RunLauncher, every scheduled fire is recorded as failed with this reason. */
export class UnavailableRunLauncher extends RunLauncher {
  async start(input: RunLaunchInput): Promise<{ runId: string }> {
    throw new DomainError(ErrorCodes.runEngineUnavailable, 'run engine not available', { scenario: input.scenario });
  }
}

/** Until the fault engine and incident intake bind ChaosGate: no halt, no open incident. */
export class OpenChaosGate extends ChaosGate {
  async haltInForce(): Promise<{ halted: boolean; reason?: string }> {
    return { halted: false };
  }

  async openRealIncident(_team: string): Promise<{ open: boolean; reason?: string }> {
    return { open: false };
  }
}

/**
 * The ports the scheduler needs from elsewhere. Replace a default by changing
 * its provider here (e.g. `{ provide: RunLauncher, useExisting: EngineRunLauncher }`
 * with the engine's module imported by SchedulerCoreModule).
 */
export const SCHEDULER_PORT_PROVIDERS: Provider[] = [
  { provide: Clock, useClass: SystemClock },
  { provide: RunLauncher, useExisting: EngineRunLauncher },
  { provide: ChaosGate, useExisting: EngineChaosGate },
];
