import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scenarios1764350000000 implements MigrationInterface {
  name = 'Scenarios1764350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scenario_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(20) NOT NULL,
        name varchar(63) NOT NULL,
        team_slug varchar(63) NOT NULL,
        version int NOT NULL,
        yaml text NOT NULL,
        document jsonb NOT NULL,
        sha256 char(64) NOT NULL,
        source varchar(10) NOT NULL,
        file text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT scenario_versions_source_check CHECK (source IN ('api', 'git'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_scenario_versions_kind_name_version ON scenario_versions (kind, name, version)`);
    await q.query(`CREATE INDEX ix_scenario_versions_team_slug ON scenario_versions (team_slug)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE scenario_versions`);
  }
}
