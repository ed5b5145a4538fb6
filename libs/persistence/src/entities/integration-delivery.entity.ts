import { Column, Entity, ForeignKey, PrimaryGeneratedColumn } from 'typeorm';
import { IntegrationEntity } from './integration.entity.js';

/** The exact bytes of one accepted webhook delivery, kept once for all its signals. */
@Entity({ name: 'deliveries' })
export class IntegrationDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => IntegrationEntity, 'id', { name: 'deliveries_integration_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', name: 'integration_id', nullable: true })
  integrationId!: string | null;

  @Column({ type: 'bytea' })
  body!: Buffer;

  @Column({ type: 'jsonb' })
  headers!: Record<string, string>;

  @Column({ type: 'timestamptz', name: 'received_at' })
  receivedAt!: Date;
}
