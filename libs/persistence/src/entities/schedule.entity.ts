import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'schedules' })
@Check('schedules_missed_policy_check', `missed_policy IN ('skip', 'run-if-within-grace')`)
@Check('schedules_source_check', `source IN ('api', 'file')`)
export class ScheduleEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_schedules_name', { unique: true })
  @Column({ type: 'varchar', length: 63 })
  name!: string;

  @Index('ix_schedules_team')
  @ForeignKey(() => TeamEntity, 'slug', { name: 'schedules_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug' })
  teamSlug!: string;

  @Column({ type: 'varchar', length: 200 })
  scenario!: string;

  @Column({ type: 'varchar', length: 200 })
  cron!: string;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'jsonb', name: 'allowed_window', nullable: true })
  allowedWindow!: { days?: string[]; start: string; end: string } | null;

  @Column({ type: 'integer', name: 'jitter_ms', default: 0 })
  jitterMs!: number;

  @Column({ type: 'jsonb' })
  blackouts!: { from: string; to: string; reason?: string }[];

  @Column({ type: 'varchar', length: 30, name: 'missed_policy' })
  missedPolicy!: string;

  @Column({ type: 'integer', name: 'grace_ms', default: 0 })
  graceMs!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;

  @Column({ type: 'varchar', length: 10 })
  source!: string;

  @Column({ type: 'timestamptz', name: 'evaluated_until' })
  evaluatedUntil!: Date;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
