import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'integrations' })
@Check('integrations_type_check', `type IN ('alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'statuspage', 'generic')`)
export class IntegrationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: string;

  @ForeignKey(() => TeamEntity, 'slug', { name: 'integrations_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug', nullable: true })
  teamSlug!: string | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'jsonb' })
  options!: Record<string, unknown>;

  /** The sender's signing secret (PagerDuty, Grafana); verification needs it in clear. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Index('uq_integrations_token_hash', { unique: true })
  @Column({ type: 'char', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
