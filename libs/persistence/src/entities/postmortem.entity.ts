import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity.js';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'postmortems' })
@Check('postmortems_status_check', `status IN ('draft', 'in_review', 'published')`)
export class PostmortemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('uq_postmortems_incident', { unique: true })
  @ForeignKey(() => IncidentEntity, 'id', { name: 'postmortems_incident_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'incident_id' })
  incidentId!: string;

  @ForeignKey(() => TeamEntity, 'slug', { name: 'postmortems_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug' })
  teamSlug!: string;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status!: string;

  @Column({ type: 'jsonb' })
  sections!: unknown;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  findings!: unknown;

  @Column({ type: 'timestamptz', name: 'due_at', nullable: true })
  dueAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'published_at', nullable: true })
  publishedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
