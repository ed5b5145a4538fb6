import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real incidents and drills in one table (`drill` tells them apart), their
 * postmortems, action items and the teams' postmortem templates.
 */
export class IncidentHistory1764600000000 implements MigrationInterface {
  name = 'IncidentHistory1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE incidents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        team_slug varchar(63) NOT NULL,
        external_id varchar(200) NULL,
        run_id uuid NULL,
        drill boolean NOT NULL,
        kind varchar(20) NOT NULL,
        title varchar(500) NOT NULL,
        severity varchar(4) NOT NULL,
        service varchar(200) NOT NULL,
        scenario_name varchar(200) NULL,
        started_at timestamptz NOT NULL,
        detected_at timestamptz NULL,
        acknowledged_at timestamptz NULL,
        mitigated_at timestamptz NULL,
        resolved_at timestamptz NULL,
        customer_reported_at timestamptz NULL,
        first_communicated_at timestamptz NULL,
        status_updates timestamptz[] NOT NULL DEFAULT '{}',
        detection_source varchar(20) NULL,
        alert_fired boolean NOT NULL DEFAULT false,
        incident_commander_assigned boolean NOT NULL DEFAULT false,
        runbook_linked boolean NOT NULL DEFAULT false,
        auto_mitigated boolean NOT NULL DEFAULT false,
        root_cause text NULL,
        root_cause_key varchar(500) NULL,
        targets jsonb NOT NULL DEFAULT '{}',
        postmortem_published_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT incidents_team_slug_fkey FOREIGN KEY (team_slug) REFERENCES teams(slug) ON DELETE CASCADE,
        CONSTRAINT incidents_kind_check CHECK (kind IN ('incident', 'gameday', 'tabletop', 'continuous')),
        CONSTRAINT incidents_drill_check CHECK (drill = (kind <> 'incident')),
        CONSTRAINT incidents_severity_check CHECK (severity IN ('SEV1', 'SEV2', 'SEV3', 'SEV4')),
        CONSTRAINT incidents_detection_source_check CHECK (detection_source IN ('alert', 'customer', 'internal'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_incidents_team_external ON incidents (team_slug, external_id)`);
    await q.query(`CREATE UNIQUE INDEX uq_incidents_run ON incidents (run_id)`);
    await q.query(`CREATE INDEX ix_incidents_team_drill_started ON incidents (team_slug, drill, started_at)`);
    await q.query(`
      CREATE TABLE postmortems (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL,
        team_slug varchar(63) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'draft',
        sections jsonb NOT NULL,
        findings jsonb NOT NULL DEFAULT '[]',
        due_at timestamptz NULL,
        published_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT postmortems_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents(id) ON DELETE CASCADE,
        CONSTRAINT postmortems_team_slug_fkey FOREIGN KEY (team_slug) REFERENCES teams(slug) ON DELETE CASCADE,
        CONSTRAINT postmortems_status_check CHECK (status IN ('draft', 'in_review', 'published'))
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_postmortems_incident ON postmortems (incident_id)`);
    await q.query(`
      CREATE TABLE action_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        incident_id uuid NOT NULL,
        team_slug varchar(63) NOT NULL,
        title varchar(500) NOT NULL,
        owner varchar(200) NOT NULL,
        type varchar(20) NOT NULL,
        status varchar(20) NOT NULL DEFAULT 'open',
        due_at timestamptz NOT NULL,
        completed_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT action_items_incident_id_fkey FOREIGN KEY (incident_id) REFERENCES incidents(id) ON DELETE CASCADE,
        CONSTRAINT action_items_team_slug_fkey FOREIGN KEY (team_slug) REFERENCES teams(slug) ON DELETE CASCADE,
        CONSTRAINT action_items_type_check CHECK (type IN ('mitigate', 'prevent', 'process')),
        CONSTRAINT action_items_status_check CHECK (status IN ('open', 'done', 'dropped'))
      )`);
    await q.query(`CREATE INDEX ix_action_items_incident ON action_items (incident_id)`);
    await q.query(`CREATE INDEX ix_action_items_team_status_due ON action_items (team_slug, status, due_at)`);
    await q.query(`
      CREATE TABLE postmortem_templates (
        team_slug varchar(63) NOT NULL,
        name varchar(63) NOT NULL,
        source text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT postmortem_templates_pkey PRIMARY KEY (team_slug, name),
        CONSTRAINT postmortem_templates_team_slug_fkey FOREIGN KEY (team_slug) REFERENCES teams(slug) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE postmortem_templates`);
    await q.query(`DROP TABLE action_items`);
    await q.query(`DROP TABLE postmortems`);
    await q.query(`DROP TABLE incidents`);
  }
}
