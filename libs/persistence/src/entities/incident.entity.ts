import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

/** Real incidents and drills (one row per run or tabletop session); see the incident-history migration. */
@Entity({ name: 'incidents' })
@Index('uq_incidents_team_external', ['teamSlug', 'externalId'], { unique: true })
@Index('ix_incidents_team_drill_started', ['teamSlug', 'drill', 'startedAt'])
@Check('incidents_kind_check', `kind IN ('incident', 'gameday', 'tabletop', 'continuous')`)
@Check('incidents_drill_check', `drill = (kind <> 'incident')`)
@Check('incidents_severity_check', `severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')`)
@Check('incidents_detection_source_check', `detection_source IN ('alert', 'customer', 'internal')`)
export class IncidentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => TeamEntity, 'slug', { name: 'incidents_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug' })
  teamSlug!: string;

  @Column({ type: 'varchar', length: 200, name: 'external_id', nullable: true })
  externalId!: string | null;

  @Index('uq_incidents_run', { unique: true })
  @Column({ type: 'uuid', name: 'run_id', nullable: true })
  runId!: string | null;

  @Column({ type: 'boolean' })
  drill!: boolean;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 4 })
  severity!: string;

  @Column({ type: 'varchar', length: 200 })
  service!: string;

  @Column({ type: 'varchar', length: 200, name: 'scenario_name', nullable: true })
  scenarioName!: string | null;

  @Column({ type: 'timestamptz', name: 'started_at' })
  startedAt!: Date;

  @Column({ type: 'timestamptz', name: 'detected_at', nullable: true })
  detectedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'mitigated_at', nullable: true })
  mitigatedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'resolved_at', nullable: true })
  resolvedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'customer_reported_at', nullable: true })
  customerReportedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'first_communicated_at', nullable: true })
  firstCommunicatedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'status_updates', array: true, default: () => `'{}'` })
  statusUpdates!: Date[];

  @Column({ type: 'varchar', length: 20, name: 'detection_source', nullable: true })
  detectionSource!: string | null;

  @Column({ type: 'boolean', name: 'alert_fired', default: false })
  alertFired!: boolean;

  @Column({ type: 'boolean', name: 'incident_commander_assigned', default: false })
  incidentCommanderAssigned!: boolean;

  @Column({ type: 'boolean', name: 'runbook_linked', default: false })
  runbookLinked!: boolean;

  @Column({ type: 'boolean', name: 'auto_mitigated', default: false })
  autoMitigated!: boolean;

  @Column({ type: 'text', name: 'root_cause', nullable: true })
  rootCause!: string | null;

  @Column({ type: 'varchar', length: 500, name: 'root_cause_key', nullable: true })
  rootCauseKey!: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  targets!: Record<string, number>;

  @Column({ type: 'timestamptz', name: 'postmortem_published_at', nullable: true })
  postmortemPublishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
