import { Check, Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { GamedayEntity } from './gameday.entity.js';

/** One row per auto-started scenario of a game-day occurrence; its insert is the claim. */
@Entity({ name: 'gameday_runs' })
@Check('gameday_runs_outcome_check', `outcome IN ('starting', 'fired', 'skipped', 'failed')`)
export class GamedayRunEntity {
  @ForeignKey(() => GamedayEntity, 'id', { name: 'gameday_runs_gameday_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'gameday_id' })
  gamedayId!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  occurrence!: Date;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  scenario!: string;

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

  @Column({ type: 'timestamptz', name: 'decided_at' })
  decidedAt!: Date;
}
