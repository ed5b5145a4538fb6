import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The row whose insert decides which replica runs a job occurrence. */
@Entity({ name: 'job_claims' })
export class JobClaimEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, name: 'job_key' })
  jobKey!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  occurrence!: Date;

  @Column({ type: 'varchar', length: 200, name: 'claimed_by' })
  claimedBy!: string;

  @CreateDateColumn({ type: 'timestamptz', name: 'claimed_at' })
  claimedAt!: Date;
}
