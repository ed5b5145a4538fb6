import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The socket.io Postgres adapter sends events between replicas with
 * NOTIFY; payloads above its threshold (8 kB) go through this table, which
 * the adapter reads and prunes itself (so it has no entity).
 */
export class LiveEvents1764800000000 implements MigrationInterface {
  name = 'LiveEvents1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE socket_io_attachments (
        id bigserial UNIQUE,
        created_at timestamptz DEFAULT now(),
        payload bytea
      )
    `);
    await q.query(`CREATE INDEX socket_io_attachments_created_at_idx ON socket_io_attachments (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE socket_io_attachments`);
  }
}
