import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A browser sign-in: the cookie's hash, the API token it stands for (by hash) and its CSRF token. */
@Entity({ name: 'web_sessions' })
@Index('uq_web_sessions_secret', { synchronize: false })
@Index('ix_web_sessions_expires', { synchronize: false })
export class WebSessionEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'char', length: 64, name: 'secret_hash' }) secretHash!: string;
  @Column({ type: 'char', length: 64, name: 'token_hash' }) tokenHash!: string;
  @Column({ type: 'varchar', length: 64, name: 'csrf_token' }) csrfToken!: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', name: 'expires_at' }) expiresAt!: Date;
}
