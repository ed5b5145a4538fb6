import { Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { IntegrationEntity } from './integration.entity.js';

/** A webhook delivery that could not be read or was refused after authentication. */
@Entity({ name: 'dead_letters' })
@Index('ix_dead_letters_integration', ['integrationId', 'receivedAt'])
export class DeadLetterEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => IntegrationEntity, 'id', { name: 'dead_letters_integration_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', name: 'integration_id', nullable: true })
  integrationId!: string | null;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'smallint', name: 'status_code' })
  statusCode!: number;

  @Column({ type: 'bytea' })
  raw!: Buffer;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt!: Date;
}
