import type { DataSource } from 'typeorm';
import { JobClaims } from '#calendar';

/**
 * `INSERT … ON CONFLICT DO NOTHING` on (job_key, occurrence): PostgreSQL lets
 * exactly one of any number of concurrent inserts through, on any replica.
 */
export class TypeOrmJobClaims extends JobClaims {
  constructor(private readonly dataSource: () => DataSource) {
    super();
  }

  async claim(jobKey: string, occurrence: Date, claimedBy: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource().query(
      `INSERT INTO job_claims (job_key, occurrence, claimed_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING job_key`,
      [jobKey, occurrence, claimedBy],
    );
    return rows.length === 1;
  }

  async prune(before: Date): Promise<number> {
    const [, affected] = (await this.dataSource().query(`DELETE FROM job_claims WHERE occurrence < $1`, [before])) as [unknown, number];
    return affected ?? 0;
  }
}
