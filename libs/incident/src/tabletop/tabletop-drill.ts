import type { DrillRecord } from '../history/incident-record.js';
import type { TabletopParticipant } from './tabletop-store.js';
import type { TabletopSession } from './tabletop-session.js';

const COMMUNICATION_ROLES = ['communications', 'comms', 'communication-lead'];
const COMMANDER_ROLES = ['incident-commander', 'ic'];

/**
 * The drill record of an ended tabletop: the practice-cadence evidence the
 * scorecard reads. Nothing was broken, so only what the team said it did is
 * recorded: the first expectation met counts as the acknowledgement.
 */
export function tabletopDrillRecord(session: TabletopSession, participants: TabletopParticipant[]): DrillRecord | null {
  if (!session.teamSlug || !session.startedAt) return null;
  const met = session.expectations.filter((e) => e.status === 'met' && e.metAt).sort((a, b) => a.metAt!.getTime() - b.metAt!.getTime());
  const communicated = met.filter((e) => e.role && COMMUNICATION_ROLES.includes(e.role)).map((e) => e.metAt!);
  return {
    runId: session.id,
    teamSlug: session.teamSlug,
    kind: 'tabletop',
    title: session.title,
    severity: session.severity,
    service: String(session.document.spec.variables?.service ?? session.script),
    scenarioName: session.script,
    startedAt: session.startedAt,
    acknowledgedAt: met[0]?.metAt ?? null,
    resolvedAt: session.endedAt,
    firstCommunicatedAt: communicated[0] ?? null,
    statusUpdates: communicated,
    incidentCommanderAssigned: participants.some((p) => COMMANDER_ROLES.includes(p.role)),
  };
}
