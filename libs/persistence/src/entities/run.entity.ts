import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'runs' })
@Index('ix_runs_state', { synchronize: false })
@Index('ix_runs_team_created', { synchronize: false })
export class RunEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 63, name: 'scenario_name' }) scenarioName!: string;
  @Column({ type: 'integer', name: 'scenario_version', nullable: true }) scenarioVersion!: number | null;
  @Column({ type: 'varchar', length: 63, name: 'team_slug', nullable: true }) teamSlug!: string | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) severity!: string | null;
  @Column({ type: 'varchar', length: 16 }) state!: string;
  @Column({ type: 'boolean', name: 'dry_run', default: false }) dryRun!: boolean;
  @Column({ type: 'varchar', length: 16 }) trigger!: string;
  @Column({ type: 'jsonb' }) document!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', nullable: true }) t0!: Date | null;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'text', name: 'abort_reason', nullable: true }) abortReason!: string | null;
  @Column({ type: 'text', name: 'failure_reason', nullable: true }) failureReason!: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) owner!: string | null;
  @Column({ type: 'timestamptz', name: 'lease_expires_at', nullable: true }) leaseExpiresAt!: Date | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) steps!: unknown[];
  @Column({ type: 'timestamptz', name: 'impact_reduced_at', nullable: true }) impactReducedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'steady_state_broken_at', nullable: true }) steadyStateBrokenAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

@Entity({ name: 'injection_records' })
@Index('ix_injection_records_run', { synchronize: false })
@Index('ix_injection_records_unsettled', { synchronize: false })
export class InjectionRecordEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'integer', name: 'step_index' }) stepIndex!: number;
  @Column({ type: 'varchar', length: 20 }) kind!: string;
  @Column({ type: 'jsonb' }) target!: Record<string, unknown>;
  @Column({ type: 'jsonb' }) spec!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 12 }) phase!: string;
  @Column({ type: 'jsonb', nullable: true }) undo!: Record<string, unknown> | null;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', name: 'last_error', nullable: true }) lastError!: string | null;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
  @Column({ type: 'timestamptz', name: 'injected_at', nullable: true }) injectedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'recovered_at', nullable: true }) recoveredAt!: Date | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) outcome!: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'" }) notes!: Record<string, unknown>;
  @Column({ type: 'boolean', name: 'dry_run', default: false }) dryRun!: boolean;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

@Entity({ name: 'run_timeline_events' })
@Index('ix_run_timeline_run', { synchronize: false })
export class TimelineEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar', length: 40 }) kind!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 200, nullable: true }) actor!: string | null;
}

@Entity({ name: 'halts' })
@Index('uq_halts_in_force', { synchronize: false })
export class HaltEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'lifted_at', nullable: true }) liftedAt!: Date | null;
  @Column({ type: 'varchar', length: 200, name: 'lifted_by', nullable: true }) liftedBy!: string | null;
}

@Entity({ name: 'run_roles' })
export class RunRoleEntity {
  @Column({ type: 'uuid', name: 'run_id', primary: true }) runId!: string;
  @Column({ type: 'varchar', length: 40, primary: true }) role!: string;
  @Column({ type: 'varchar', length: 200 }) person!: string;
  @Column({ type: 'varchar', length: 200, name: 'assigned_by' }) assignedBy!: string;
  @Column({ type: 'timestamptz', name: 'assigned_at', default: () => 'now()' }) assignedAt!: Date;
}

@Entity({ name: 'probe_results' })
@Index('ix_probe_results_run', { synchronize: false })
export class ProbeResultEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'run_id' }) runId!: string;
  @Column({ type: 'varchar', length: 63 }) probe!: string;
  @Column({ type: 'boolean' }) ok!: boolean;
  @Column({ type: 'double precision', nullable: true }) value!: number | null;
  @Column({ type: 'text', default: '' }) detail!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
