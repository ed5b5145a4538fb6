import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ScheduleEntity } from './schedule.entity.js';

/** What the scheduler decided for one cron occurrence of a schedule, and why. */
@Entity({ name: 'schedule_decisions' })
@Index('uq_schedule_decisions_occurrence', ['scheduleId', 'occurrence'], { unique: true })
@Check('schedule_decisions_outcome_check', `outcome IN ('fired', 'skipped', 'failed')`)
export class ScheduleDecisionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => ScheduleEntity, 'id', { name: 'schedule_decisions_schedule_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'schedule_id' })
  scheduleId!: string;

  @Column({ type: 'timestamptz' })
  occurrence!: Date;

  @Column({ type: 'timestamptz', name: 'planned_at' })
  plannedAt!: Date;

  @Column({ type: 'timestamptz', name: 'decided_at' })
  decidedAt!: Date;

  @Column({ type: 'varchar', length: 20 })
  outcome!: string;

  @Column({ type: 'varchar', length: 30, nullable: true })
  reason!: string | null;

  @Column({ type: 'text', nullable: true })
  detail!: string | null;

  @Column({ type: 'varchar', length: 200, name: 'run_id', nullable: true })
  runId!: string | null;

  @Column({ type: 'varchar', length: 200 })
  replica!: string;
}
