import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'api_tokens' })
@Check('api_tokens_role_check', `role IN ('admin', 'facilitator', 'responder', 'viewer')`)
export class ApiTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: string;

  @ForeignKey(() => TeamEntity, 'slug', { name: 'api_tokens_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug', nullable: true })
  teamSlug!: string | null;

  @Index('uq_api_tokens_hash', { unique: true })
  @Column({ type: 'char', length: 64 })
  hash!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'last_used_at', nullable: true })
  lastUsedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
