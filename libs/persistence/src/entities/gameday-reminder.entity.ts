import { Check, Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { GamedayEntity } from './gameday.entity.js';

/** One row per game-day occurrence and lead time: the proof a reminder went out (or why not). */
@Entity({ name: 'gameday_reminders' })
@Check('gameday_reminders_status_check', `status IN ('sending', 'sent', 'failed', 'skipped')`)
export class GamedayReminderEntity {
  @ForeignKey(() => GamedayEntity, 'id', { name: 'gameday_reminders_gameday_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'gameday_id' })
  gamedayId!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  occurrence!: Date;

  @PrimaryColumn({ type: 'varchar', length: 20, name: 'lead_time' })
  leadTime!: string;

  @Column({ type: 'varchar', length: 20 })
  status!: string;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'text', name: 'last_error', nullable: true })
  lastError!: string | null;

  @Column({ type: 'varchar', length: 200, name: 'claimed_by' })
  claimedBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}
