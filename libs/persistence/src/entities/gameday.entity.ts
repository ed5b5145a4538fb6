import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'gamedays' })
@Check('gamedays_kind_check', `kind IN ('gameday', 'tabletop')`)
export class GamedayEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_gamedays_team')
  @ForeignKey(() => TeamEntity, 'slug', { name: 'gamedays_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug' })
  teamSlug!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'jsonb' })
  scenarios!: string[];

  @Column({ type: 'timestamptz', name: 'starts_at' })
  startsAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  timezone!: string;

  @Column({ type: 'integer', name: 'duration_minutes' })
  durationMinutes!: number;

  @Column({ type: 'varchar', length: 200 })
  facilitator!: string;

  @Column({ type: 'jsonb' })
  participants!: { name: string; role: string }[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  recurrence!: string | null;

  /** ISO instants of cancelled occurrences. */
  @Column({ type: 'jsonb' })
  exdates!: string[];

  @Column({ type: 'jsonb', nullable: true })
  reminders!: { leadTimes: string[]; slackWebhookUrl?: string; webhookUrl?: string } | null;

  /** Start the listed scenarios at each occurrence (trigger `gameday`). */
  @Column({ type: 'boolean', name: 'auto_start', default: false })
  autoStart!: boolean;

  @Column({ type: 'integer', default: 0 })
  sequence!: number;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
