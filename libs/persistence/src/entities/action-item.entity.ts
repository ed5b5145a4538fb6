import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { IncidentEntity } from './incident.entity.js';
import { TeamEntity } from './team.entity.js';

@Entity({ name: 'action_items' })
@Index('ix_action_items_team_status_due', ['teamSlug', 'status', 'dueAt'])
@Check('action_items_type_check', `type IN ('mitigate', 'prevent', 'process')`)
@Check('action_items_status_check', `status IN ('open', 'done', 'dropped')`)
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('ix_action_items_incident')
  @ForeignKey(() => IncidentEntity, 'id', { name: 'action_items_incident_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', name: 'incident_id' })
  incidentId!: string;

  @ForeignKey(() => TeamEntity, 'slug', { name: 'action_items_team_slug_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'varchar', length: 63, name: 'team_slug' })
  teamSlug!: string;

  @Column({ type: 'varchar', length: 500 })
  title!: string;

  @Column({ type: 'varchar', length: 200 })
  owner!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: string;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status!: string;

  @Column({ type: 'timestamptz', name: 'due_at' })
  dueAt!: Date;

  @Column({ type: 'timestamptz', name: 'completed_at', nullable: true })
  completedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}
