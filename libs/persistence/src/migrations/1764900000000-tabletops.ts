import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Tabletops1764900000000 implements MigrationInterface {
  name = 'Tabletops1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tabletop_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        script varchar(63) NOT NULL,
        script_version integer NULL,
        team_slug varchar(63) NULL,
        title varchar(300) NOT NULL,
        severity varchar(8) NOT NULL,
        document jsonb NOT NULL,
        join_code char(6) NOT NULL,
        state varchar(10) NOT NULL CHECK (state IN ('created','running','paused','ended')),
        mode varchar(10) NOT NULL CHECK (mode IN ('manual','timer')),
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz NULL,
        paused_at timestamptz NULL,
        paused_ms bigint NOT NULL DEFAULT 0,
        ended_at timestamptz NULL,
        released jsonb NOT NULL DEFAULT '[]',
        skipped jsonb NOT NULL DEFAULT '[]',
        expectations jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A code opens one session at a time; an ended session frees its code.
    await q.query(`CREATE UNIQUE INDEX uq_tabletop_sessions_open_code ON tabletop_sessions (join_code) WHERE state <> 'ended'`);
    await q.query(`CREATE INDEX ix_tabletop_sessions_running ON tabletop_sessions (state) WHERE state = 'running'`);
    await q.query(`CREATE INDEX ix_tabletop_sessions_team_created ON tabletop_sessions (team_slug, created_at DESC)`);
    await q.query(`
      CREATE TABLE tabletop_participants (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES tabletop_sessions(id) ON DELETE CASCADE,
        name varchar(100) NOT NULL,
        role varchar(63) NOT NULL,
        token_hash char(64) NOT NULL,
        csrf_token varchar(64) NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_tabletop_participants_token ON tabletop_participants (token_hash)`);
    await q.query(`CREATE INDEX ix_tabletop_participants_session ON tabletop_participants (session_id)`);
    await q.query(`
      CREATE TABLE tabletop_timeline_events (
        id bigserial PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES tabletop_sessions(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind varchar(40) NOT NULL,
        title text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        actor varchar(200) NULL
      )`);
    await q.query(`CREATE INDEX ix_tabletop_timeline_session ON tabletop_timeline_events (session_id, id)`);
    await q.query(`
      CREATE TABLE web_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        secret_hash char(64) NOT NULL,
        token_hash char(64) NOT NULL,
        csrf_token varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_web_sessions_secret ON web_sessions (secret_hash)`);
    await q.query(`CREATE INDEX ix_web_sessions_expires ON web_sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE web_sessions`);
    await q.query(`DROP TABLE tabletop_timeline_events`);
    await q.query(`DROP TABLE tabletop_participants`);
    await q.query(`DROP TABLE tabletop_sessions`);
  }
}
