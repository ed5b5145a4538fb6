import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { requireTeamAccess, type Principal } from '#access';
import { HaltInForceError } from '#chaos';
import type { FiredrillConfig } from '#config';
import { NotFoundError, ValidationError } from '#contracts';
import { HaltRepository, RunRepository, type Run, type RunTrigger } from '#incident';
import { parseDuration, ScenarioStore, type Scenario } from '#scenario';
import { CONFIG } from '../../core/config.token.js';
import { FaultEngineFactory } from '../engine/fault-engine.factory.js';
import { namespacesOf, RunEngine } from '../engine/run-engine.service.js';
import { TimelineService } from '../timeline.service.js';

export const StartRunSchema = z.strictObject({
  scenario: z.string().min(1, 'names the scenario to run'),
  dryRun: z.boolean().optional(),
  trigger: z.enum(['api', 'cli', 'ci', 'schedule', 'gameday']).optional(),
});

/** Self-validating command: a run of a stored scenario. */
export class StartRunCommand {
  constructor(
    readonly scenario: string,
    readonly principal: Principal,
    readonly dryRun = false,
    readonly trigger: RunTrigger = 'api',
  ) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(scenario)) {
      throw new ValidationError('The run request is invalid', [{ path: 'scenario', message: 'must be the name of a stored Scenario (a DNS-1123 label)' }]);
    }
  }
}

@Injectable()
export class StartRunUseCase {
  constructor(
    @Inject(CONFIG) private readonly config: FiredrillConfig,
    private readonly scenarios: ScenarioStore,
    private readonly runs: RunRepository,
    private readonly halts: HaltRepository,
    private readonly faults: FaultEngineFactory,
    private readonly engine: RunEngine,
    private readonly timeline: TimelineService,
  ) {}

  async execute(command: StartRunCommand): Promise<Run> {
    const halt = await this.halts.current();
    if (halt) throw new HaltInForceError(halt.reason);
    const stored = await this.scenarios.latest('Scenario', command.scenario);
    if (!stored) throw new NotFoundError('scenario', command.scenario);
    const scenario = stored.document as Scenario;
    requireTeamAccess(command.principal, scenario.metadata.team);
    if (!command.dryRun) {
      // Refuse early with a clear error; preflight checks again right before the run.
      const guard = this.faults.guard();
      for (const ns of namespacesOf(scenario)) await guard.assertNamespaceAllowed(ns);
    }
    const steps = scenario.spec.steps
      .map((step, index) => ({
        index,
        kind: Object.keys(step).find((k) => !['at', 'name'].includes(k)) ?? 'unknown',
        atMs: parseDuration(step.at),
        status: 'pending' as const,
        startedAt: null,
        description: step.name ?? null,
        error: null,
      }))
      .sort((a, b) => a.atMs - b.atMs || a.index - b.index);
    const run = await this.runs.create({
      scenarioName: stored.name,
      scenarioVersion: stored.version,
      teamSlug: scenario.metadata.team,
      severity: scenario.metadata.severity ?? null,
      dryRun: command.dryRun,
      trigger: command.trigger,
      document: scenario as unknown as Record<string, unknown>,
      createdBy: command.principal.name,
      steps,
    });
    await this.timeline.append(run.id, 'state', `run created from ${stored.name} v${stored.version}${command.dryRun ? ' (dry run)' : ''}`, { trigger: command.trigger }, command.principal.name);
    void this.engine.process(run.id);
    return run;
  }
}
