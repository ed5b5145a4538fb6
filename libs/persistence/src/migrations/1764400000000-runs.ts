import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Runs1764400000000 implements MigrationInterface {
  name = 'Runs1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        scenario_name varchar(63) NOT NULL,
        scenario_version integer NULL,
        team_slug varchar(63) NULL,
        severity varchar(8) NULL,
        state varchar(16) NOT NULL CHECK (state IN ('scheduled','preflight','running','recovering','completed','aborted','failed')),
        dry_run boolean NOT NULL DEFAULT false,
        trigger varchar(16) NOT NULL,
        document jsonb NOT NULL,
        created_by varchar(200) NOT NULL,
        t0 timestamptz NULL,
        started_at timestamptz NULL,
        ended_at timestamptz NULL,
        abort_reason text NULL,
        failure_reason text NULL,
        owner varchar(100) NULL,
        lease_expires_at timestamptz NULL,
        steps jsonb NOT NULL DEFAULT '[]',
        impact_reduced_at timestamptz NULL,
        steady_state_broken_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_runs_state ON runs (state) WHERE state NOT IN ('completed','aborted','failed')`);
    await q.query(`CREATE INDEX ix_runs_team_created ON runs (team_slug, created_at DESC)`);
    await q.query(`
      CREATE TABLE injection_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        step_index integer NOT NULL,
        kind varchar(20) NOT NULL,
        target jsonb NOT NULL,
        spec jsonb NOT NULL,
        phase varchar(12) NOT NULL CHECK (phase IN ('pending','injecting','injected','recovering','recovered','failed')),
        undo jsonb NULL,
        attempts integer NOT NULL DEFAULT 0,
        last_error text NULL,
        expires_at timestamptz NOT NULL,
        injected_at timestamptz NULL,
        recovered_at timestamptz NULL,
        outcome varchar(20) NULL,
        notes jsonb NOT NULL DEFAULT '{}',
        dry_run boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_injection_records_run ON injection_records (run_id, step_index)`);
    await q.query(`CREATE INDEX ix_injection_records_unsettled ON injection_records (phase) WHERE phase <> 'recovered'`);
    await q.query(`
      CREATE TABLE run_timeline_events (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        at timestamptz NOT NULL,
        kind varchar(40) NOT NULL,
        title text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}',
        actor varchar(200) NULL
      )`);
    await q.query(`CREATE INDEX ix_run_timeline_run ON run_timeline_events (run_id, id)`);
    await q.query(`
      CREATE TABLE halts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reason text NOT NULL,
        created_by varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        lifted_at timestamptz NULL,
        lifted_by varchar(200) NULL
      )`);
    // At most one halt in force at a time.
    await q.query(`CREATE UNIQUE INDEX uq_halts_in_force ON halts ((true)) WHERE lifted_at IS NULL`);
    await q.query(`
      CREATE TABLE run_roles (
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        role varchar(40) NOT NULL,
        person varchar(200) NOT NULL,
        assigned_by varchar(200) NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (run_id, role)
      )`);
    await q.query(`
      CREATE TABLE probe_results (
        id bigserial PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        probe varchar(63) NOT NULL,
        ok boolean NOT NULL,
        value double precision NULL,
        detail text NOT NULL DEFAULT '',
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_probe_results_run ON probe_results (run_id, probe, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['probe_results', 'run_roles', 'halts', 'run_timeline_events', 'injection_records', 'runs']) await q.query(`DROP TABLE ${table}`);
  }
}
