import { Injectable } from '@nestjs/common';
import type { Principal } from '#access';
import { ValidationError } from '#contracts';
import { evaluateScorecard, ScoringInputSource, scoringWindow, StatusAutomation, type Scorecard } from '#scoring';
import { IncidentsService } from '../incidents/incidents.service.js';
import type { ScorecardQuery } from './scorecards.dto.js';

@Injectable()
export class ScorecardsService {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly inputs: ScoringInputSource,
    private readonly automation: StatusAutomation,
  ) {}

  /** The team's maturity as of `asOf` (default now) over the rolling window (default 180 days). */
  async scorecard(principal: Principal, slug: string, q: ScorecardQuery): Promise<Scorecard & { team: string }> {
    await this.incidents.requireTeam(principal, slug);
    const asOf = q.asOf ? new Date(q.asOf) : new Date();
    if (asOf.getTime() > Date.now() + 60_000) throw new ValidationError('asOf lies in the future', [{ path: 'asOf', message: 'must not be in the future' }]);
    const window = scoringWindow(asOf, q.windowDays);
    const [loaded, automatedStatusUpdates] = await Promise.all([this.inputs.load(slug, window), this.automation.automatedStatusUpdates(slug)]);
    return { team: slug, ...evaluateScorecard({ asOf, window, ...loaded, automatedStatusUpdates }) };
  }
}
