import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'scenario_versions' })
@Check('scenario_versions_source_check', `source IN ('api', 'git')`)
@Index('uq_scenario_versions_kind_name_version', ['kind', 'name', 'version'], { unique: true })
export class ScenarioVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'varchar', length: 63 })
  name!: string;

  /** A label, not a foreign key: git may name a team before it exists. */
  @Index('ix_scenario_versions_team_slug')
  @Column({ type: 'varchar', length: 63, name: 'team_slug' })
  teamSlug!: string;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'text' })
  yaml!: string;

  @Column({ type: 'jsonb' })
  document!: unknown;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'varchar', length: 10 })
  source!: string;

  @Column({ type: 'text', nullable: true })
  file!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
