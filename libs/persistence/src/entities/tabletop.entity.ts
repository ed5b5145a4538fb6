import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const bigintNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

@Entity({ name: 'tabletop_sessions' })
@Index('uq_tabletop_sessions_open_code', { synchronize: false })
@Index('ix_tabletop_sessions_running', { synchronize: false })
@Index('ix_tabletop_sessions_team_created', { synchronize: false })
export class TabletopSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 63 }) script!: string;
  @Column({ type: 'integer', name: 'script_version', nullable: true }) scriptVersion!: number | null;
  @Column({ type: 'varchar', length: 63, name: 'team_slug', nullable: true }) teamSlug!: string | null;
  @Column({ type: 'varchar', length: 300 }) title!: string;
  @Column({ type: 'varchar', length: 8 }) severity!: string;
  @Column({ type: 'jsonb' }) document!: Record<string, unknown>;
  @Column({ type: 'char', length: 6, name: 'join_code' }) joinCode!: string;
  @Column({ type: 'varchar', length: 10 }) state!: string;
  @Column({ type: 'varchar', length: 10 }) mode!: string;
  @Column({ type: 'varchar', length: 200, name: 'created_by' }) createdBy!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'started_at', nullable: true }) startedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'paused_at', nullable: true }) pausedAt!: Date | null;
  @Column({ type: 'bigint', name: 'paused_ms', default: 0, transformer: bigintNumber }) pausedMs!: number;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) released!: unknown[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) skipped!: unknown[];
  @Column({ type: 'jsonb', default: () => "'[]'" }) expectations!: unknown[];
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt!: Date;
}

@Entity({ name: 'tabletop_participants' })
@Index('uq_tabletop_participants_token', { synchronize: false })
@Index('ix_tabletop_participants_session', { synchronize: false })
export class TabletopParticipantEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid', name: 'session_id' }) sessionId!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 63 }) role!: string;
  @Column({ type: 'char', length: 64, name: 'token_hash' }) tokenHash!: string;
  @Column({ type: 'varchar', length: 64, name: 'csrf_token' }) csrfToken!: string;
  @Column({ type: 'timestamptz', name: 'joined_at', default: () => 'now()' }) joinedAt!: Date;
}

@Entity({ name: 'tabletop_timeline_events' })
@Index('ix_tabletop_timeline_session', { synchronize: false })
export class TabletopTimelineEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid', name: 'session_id' }) sessionId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
  @Column({ type: 'varchar', length: 40 }) kind!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) data!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 200, nullable: true }) actor!: string | null;
}
