/** What the scheduler asks the run engine to start. */
export interface RunLaunchInput {
  /** Scenario (or tabletop) name. */
  scenario: string;
  team: string | null;
  trigger: 'schedule' | 'gameday';
  scheduleId?: string;
  /** The scheduled (nominal) occurrence this run belongs to. */
  occurrence: Date;
  dryRun?: boolean;
}

/** Port: starts a run. Bound by the run engine; the scheduler records the returned id. */
export abstract class RunLauncher {
  abstract start(input: RunLaunchInput): Promise<{ runId: string }>;
}

/** Port: whether chaos may run now. Bound to the fault engine's halt state and the incident intake. */
export abstract class ChaosGate {
  /** A global halt (`POST /api/v1/halt`) blocks every scheduled run while it is in force. */
  abstract haltInForce(): Promise<{ halted: boolean; reason?: string }>;
  /** A real (not drill) incident that is paged or acknowledged and not yet resolved for the team. */
  abstract openRealIncident(team: string): Promise<{ open: boolean; reason?: string }>;
}
