import { Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SignalEntity } from './signal.entity.js';

/** Audit trail of hand corrections to a signal's time. */
@Entity({ name: 'signal_corrections' })
export class SignalCorrectionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_signal_corrections_signal_id')
  @ForeignKey(() => SignalEntity, 'id', { name: 'signal_corrections_signal_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'signal_id' })
  signalId!: string;

  @Column({ type: 'varchar', length: 200, name: 'corrected_by' })
  correctedBy!: string;

  @Column({ type: 'timestamptz', name: 'old_occurred_at' })
  oldOccurredAt!: Date;

  @Column({ type: 'timestamptz', name: 'new_occurred_at' })
  newOccurredAt!: Date;

  @Column({ type: 'text' })
  reason!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'at' })
  at!: Date;
}
