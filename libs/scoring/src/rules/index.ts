import type { MaturityRule } from '../scoring-input.js';
import { communicationBeforeCustomers } from './communication-before-customers.rule.js';
import { communicationStatusUpdates } from './communication-status-updates.rule.js';
import { communicationSustained } from './communication-sustained.rule.js';
import { communicationTimeliness } from './communication-timeliness.rule.js';
import { detectionAlertFired } from './detection-alert-fired.rule.js';
import { detectionBeforeCustomers } from './detection-before-customers.rule.js';
import { detectionContinuousChaos } from './detection-continuous-chaos.rule.js';
import { detectionFastAndImproving } from './detection-fast-and-improving.rule.js';
import { detectionMonitoringCoverage } from './detection-monitoring-coverage.rule.js';
import { learningActionItemsOnTime } from './learning-action-items-on-time.rule.js';
import { learningBlamelessPublished } from './learning-blameless-published.rule.js';
import { learningMttrImproving } from './learning-mttr-improving.rule.js';
import { learningNoRepeatIncidents } from './learning-no-repeat-incidents.rule.js';
import { learningPostmortemExists } from './learning-postmortem-exists.rule.js';
import { learningPostmortemOnTime } from './learning-postmortem-on-time.rule.js';
import { responseAcknowledgedInTime } from './response-acknowledged-in-time.rule.js';
import { responseAutoMitigation } from './response-auto-mitigation.rule.js';
import { responseGamedayCadence } from './response-gameday-cadence.rule.js';
import { responseIncidentCommand } from './response-incident-command.rule.js';
import { responseMitigationTime } from './response-mitigation-time.rule.js';
import { responseTabletopCadence } from './response-tabletop-cadence.rule.js';

/** Bump when a rule or threshold changes: scorecards name the version they were computed with. */
export const RULES_VERSION = '2026.11.1';

export const DEFAULT_RULES: readonly MaturityRule[] = [
  detectionAlertFired,
  detectionMonitoringCoverage,
  detectionBeforeCustomers,
  detectionContinuousChaos,
  detectionFastAndImproving,
  responseAcknowledgedInTime,
  responseIncidentCommand,
  responseMitigationTime,
  responseGamedayCadence,
  responseTabletopCadence,
  responseAutoMitigation,
  communicationStatusUpdates,
  communicationTimeliness,
  communicationBeforeCustomers,
  communicationSustained,
  learningPostmortemExists,
  learningPostmortemOnTime,
  learningBlamelessPublished,
  learningActionItemsOnTime,
  learningMttrImproving,
  learningNoRepeatIncidents,
];
