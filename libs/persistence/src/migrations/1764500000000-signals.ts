import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Integrations (webhook senders), their raw deliveries, normalised signals, attachments to runs, corrections, dead letters. */
export class Signals1764500000000 implements MigrationInterface {
  name = 'Signals1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE integrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type varchar(20) NOT NULL CONSTRAINT integrations_type_check
          CHECK (type IN ('alertmanager', 'grafana', 'pagerduty', 'opsgenie', 'statuspage', 'generic')),
        team_slug varchar(63) NULL CONSTRAINT integrations_team_slug_fkey REFERENCES teams(slug) ON DELETE CASCADE,
        name varchar(200) NOT NULL,
        options jsonb NOT NULL,
        secret text NULL,
        token_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_integrations_token_hash ON integrations (token_hash)`);
    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        integration_id uuid NULL CONSTRAINT deliveries_integration_id_fkey REFERENCES integrations(id) ON DELETE SET NULL,
        body bytea NOT NULL,
        headers jsonb NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE signals (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        integration_id uuid NULL CONSTRAINT signals_integration_id_fkey REFERENCES integrations(id) ON DELETE SET NULL,
        delivery_id uuid NULL CONSTRAINT signals_delivery_id_fkey REFERENCES deliveries(id) ON DELETE SET NULL,
        team_slug varchar(63) NULL CONSTRAINT signals_team_slug_fkey REFERENCES teams(slug) ON DELETE SET NULL,
        source varchar(40) NOT NULL,
        kind varchar(20) NOT NULL CONSTRAINT signals_kind_check
          CHECK (kind IN ('detected', 'paged', 'acknowledged', 'declared', 'mitigated', 'resolved', 'communicated')),
        occurred_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        time_source varchar(10) NOT NULL CONSTRAINT signals_time_source_check CHECK (time_source IN ('sender', 'arrival')),
        labels jsonb NOT NULL,
        summary text NULL,
        raw jsonb NULL,
        dedupe_scope varchar(64) NOT NULL,
        dedupe_key varchar(300) NOT NULL,
        drill boolean NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_signals_dedupe ON signals (dedupe_scope, dedupe_key)`);
    await q.query(`CREATE INDEX ix_signals_team_received ON signals (team_slug, received_at)`);
    await q.query(`CREATE INDEX ix_signals_occurred_at ON signals (occurred_at)`);
    await q.query(`
      CREATE TABLE signal_runs (
        signal_id uuid NOT NULL CONSTRAINT signal_runs_signal_id_fkey REFERENCES signals(id) ON DELETE CASCADE,
        run_id varchar(64) NOT NULL,
        attached_by varchar(10) NOT NULL CONSTRAINT signal_runs_attached_by_check CHECK (attached_by IN ('auto', 'manual')),
        attached_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (signal_id, run_id)
      )`);
    await q.query(`CREATE INDEX ix_signal_runs_run_id ON signal_runs (run_id)`);
    await q.query(`
      CREATE TABLE signal_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        signal_id uuid NOT NULL CONSTRAINT signal_corrections_signal_id_fkey REFERENCES signals(id) ON DELETE CASCADE,
        corrected_by varchar(200) NOT NULL,
        old_occurred_at timestamptz NOT NULL,
        new_occurred_at timestamptz NOT NULL,
        reason text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_signal_corrections_signal_id ON signal_corrections (signal_id)`);
    await q.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        integration_id uuid NULL CONSTRAINT dead_letters_integration_id_fkey REFERENCES integrations(id) ON DELETE SET NULL,
        reason text NOT NULL,
        status_code smallint NOT NULL,
        raw bytea NOT NULL,
        headers jsonb NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX ix_dead_letters_integration ON dead_letters (integration_id, received_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letters`);
    await q.query(`DROP TABLE signal_corrections`);
    await q.query(`DROP TABLE signal_runs`);
    await q.query(`DROP TABLE signals`);
    await q.query(`DROP TABLE deliveries`);
    await q.query(`DROP TABLE integrations`);
  }
}
