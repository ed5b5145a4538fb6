import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Scheduling1764700000000 implements MigrationInterface {
  name = 'Scheduling1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE gamedays (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_slug varchar(63) NOT NULL REFERENCES teams(slug) ON DELETE CASCADE,
        title varchar(200) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('gameday', 'tabletop')),
        scenarios jsonb NOT NULL,
        starts_at timestamptz NOT NULL,
        timezone varchar(64) NOT NULL,
        duration_minutes integer NOT NULL,
        facilitator varchar(200) NOT NULL,
        participants jsonb NOT NULL,
        recurrence varchar(500) NULL,
        exdates jsonb NOT NULL,
        reminders jsonb NULL,
        auto_start boolean NOT NULL DEFAULT false,
        sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_gamedays_team ON gamedays (team_slug)`);
    await q.query(`
      CREATE TABLE gameday_reminders (
        gameday_id uuid NOT NULL REFERENCES gamedays(id) ON DELETE CASCADE,
        occurrence timestamptz NOT NULL,
        lead_time varchar(20) NOT NULL,
        status varchar(20) NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        claimed_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz NULL,
        PRIMARY KEY (gameday_id, occurrence, lead_time)
      )`);
    await q.query(`
      CREATE TABLE gameday_runs (
        gameday_id uuid NOT NULL REFERENCES gamedays(id) ON DELETE CASCADE,
        occurrence timestamptz NOT NULL,
        scenario varchar(200) NOT NULL,
        outcome varchar(20) NOT NULL CHECK (outcome IN ('starting', 'fired', 'skipped', 'failed')),
        reason varchar(30) NULL,
        detail text NULL,
        run_id varchar(200) NULL,
        replica varchar(200) NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (gameday_id, occurrence, scenario)
      )`);
    await q.query(`
      CREATE TABLE schedules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(63) NOT NULL,
        team_slug varchar(63) NOT NULL REFERENCES teams(slug) ON DELETE CASCADE,
        scenario varchar(200) NOT NULL,
        cron varchar(200) NOT NULL,
        timezone varchar(64) NOT NULL,
        allowed_window jsonb NULL,
        jitter_ms integer NOT NULL DEFAULT 0,
        blackouts jsonb NOT NULL,
        missed_policy varchar(30) NOT NULL CHECK (missed_policy IN ('skip', 'run-if-within-grace')),
        grace_ms integer NOT NULL DEFAULT 0,
        enabled boolean NOT NULL DEFAULT true,
        source varchar(10) NOT NULL CHECK (source IN ('api', 'file')),
        evaluated_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_schedules_name ON schedules (name)`);
    await q.query(`CREATE INDEX ix_schedules_team ON schedules (team_slug)`);
    await q.query(`
      CREATE TABLE schedule_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schedule_id uuid NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
        occurrence timestamptz NOT NULL,
        planned_at timestamptz NOT NULL,
        decided_at timestamptz NOT NULL,
        outcome varchar(20) NOT NULL CHECK (outcome IN ('fired', 'skipped', 'failed')),
        reason varchar(30) NULL,
        detail text NULL,
        run_id varchar(200) NULL,
        replica varchar(200) NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_schedule_decisions_occurrence ON schedule_decisions (schedule_id, occurrence)`);
    await q.query(`
      CREATE TABLE job_claims (
        job_key varchar(200) NOT NULL,
        occurrence timestamptz NOT NULL,
        claimed_by varchar(200) NOT NULL,
        claimed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job_key, occurrence)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_claims`);
    await q.query(`DROP TABLE schedule_decisions`);
    await q.query(`DROP TABLE schedules`);
    await q.query(`DROP TABLE gameday_runs`);
    await q.query(`DROP TABLE gameday_reminders`);
    await q.query(`DROP TABLE gamedays`);
  }
}
