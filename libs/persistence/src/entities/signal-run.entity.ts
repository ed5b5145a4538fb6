import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { SignalEntity } from './signal.entity.js';

/** A signal attached to a run. No foreign key to runs: runs live in another part of the schema. */
@Entity({ name: 'signal_runs' })
@Check('signal_runs_attached_by_check', `attached_by IN ('auto', 'manual')`)
export class SignalRunEntity {
  @ForeignKey(() => SignalEntity, 'id', { name: 'signal_runs_signal_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid', name: 'signal_id' })
  signalId!: string;

  @Index('ix_signal_runs_run_id')
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'run_id' })
  runId!: string;

  @Column({ type: 'varchar', length: 10, name: 'attached_by' })
  attachedBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'attached_at' })
  attachedAt!: Date;
}
