import { Column, CreateDateColumn, Entity, ForeignKey, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'postmortem_templates' })
export class PostmortemTemplateEntity {
  @ForeignKey(() => TeamEntity, 'slug', { name: 'postmortem_templates_team_slug_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'varchar', length: 63, name: 'team_slug', primaryKeyConstraintName: 'postmortem_templates_pkey' })
  teamSlug!: string;

  @PrimaryColumn({ type: 'varchar', length: 63, primaryKeyConstraintName: 'postmortem_templates_pkey' })
  name!: string;

  @Column({ type: 'text' })
  source!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
