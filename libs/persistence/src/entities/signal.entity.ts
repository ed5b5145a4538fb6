import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntegrationDeliveryEntity } from './integration-delivery.entity.js';
import { IntegrationEntity } from './integration.entity.js';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'signals' })
@Check('signals_kind_check', `kind IN ('detected', 'paged', 'acknowledged', 'declared', 'mitigated', 'resolved', 'communicated')`)
@Check('signals_time_source_check', `time_source IN ('sender', 'arrival')`)
@Index('uq_signals_dedupe', ['dedupeScope', 'dedupeKey'], { unique: true })
@Index('ix_signals_team_received', ['teamSlug', 'receivedAt'])
export class SignalEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => IntegrationEntity, 'id', { name: 'signals_integration_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', name: 'integration_id', nullable: true })
  integrationId!: string | null;

  @ForeignKey(() => IntegrationDeliveryEntity, 'id', { name: 'signals_delivery_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', name: 'delivery_id', nullable: true })
  deliveryId!: string | null;

  @ForeignKey(() => TeamEntity, 'slug', { name: 'signals_team_slug_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug', nullable: true })
  teamSlug!: string | null;

  @Column({ type: 'varchar', length: 40 })
  source!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Index('ix_signals_occurred_at')
  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt!: Date;

  @Column({ type: 'varchar', length: 10, name: 'time_source' })
  timeSource!: string;

  @Column({ type: 'jsonb' })
  labels!: Record<string, string>;

  @Column({ type: 'text', nullable: true })
  summary!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  raw!: unknown;

  /** The integration id, or the source for signals without one: dedupe keys are unique within it. */
  @Column({ type: 'varchar', length: 64, name: 'dedupe_scope' })
  dedupeScope!: string;

  @Column({ type: 'varchar', length: 300, name: 'dedupe_key' })
  dedupeKey!: string;

  @Column({ type: 'boolean', nullable: true })
  drill!: boolean | null;
}
