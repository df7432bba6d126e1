-- Live updates (server-sent events, src/server/live/): the engine's tables announce changes on
-- channel `vigil_live` from STATEMENT-level triggers, so a statement touching many rows sends one
-- notification, and identical payloads in one transaction collapse into one.
-- NOTIFY takes a database-wide lock from commit until the transaction ends, which serialises the
-- commits of notifying transactions. The ingest path (alerts, cases, case_events) therefore has NO
-- trigger here: it notifies after commit, coalesced per process (src/server/live/notify.ts). The
-- engine's writes (steps, run status, approvals, containment) are far fewer per second, and the
-- triggers cover every writer (worker, web, CLI) without each remembering to notify.
-- playbook_runs INSERT happens inside the ingest transaction, so only UPDATE is announced.
CREATE OR REPLACE FUNCTION vigil_live_notify(topic text, run_ids uuid[], case_ids uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(array_length(run_ids, 1), 0) = 0 AND coalesce(array_length(case_ids, 1), 0) = 0 THEN
    RETURN;
  END IF;
  PERFORM pg_notify('vigil_live', json_build_object(
    'topic', topic,
    'runIds', coalesce(to_json(run_ids[1:50]), '[]'::json),
    'caseIds', CASE WHEN coalesce(array_length(case_ids, 1), 0) > 50 THEN '"*"'::json ELSE coalesce(to_json(case_ids), '[]'::json) END
  )::text);
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vigil_live_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_live_notify('runs',
    (SELECT array_agg(DISTINCT id) FROM changed),
    (SELECT array_agg(DISTINCT case_id) FROM changed WHERE case_id IS NOT NULL));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER playbook_runs_live_update AFTER UPDATE ON playbook_runs
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_runs();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vigil_live_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_live_notify('runs',
    (SELECT array_agg(DISTINCT run_id) FROM changed),
    (SELECT array_agg(DISTINCT r.case_id) FROM playbook_runs r WHERE r.id IN (SELECT run_id FROM changed) AND r.case_id IS NOT NULL));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER run_steps_live_insert AFTER INSERT ON run_steps
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_steps();
--> statement-breakpoint
CREATE TRIGGER run_steps_live_update AFTER UPDATE ON run_steps
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_steps();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vigil_live_approvals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_live_notify('approvals',
    (SELECT array_agg(DISTINCT run_id) FROM changed),
    (SELECT array_agg(DISTINCT r.case_id) FROM playbook_runs r WHERE r.id IN (SELECT run_id FROM changed) AND r.case_id IS NOT NULL));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER approvals_live_insert AFTER INSERT ON approvals
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_approvals();
--> statement-breakpoint
CREATE TRIGGER approvals_live_update AFTER UPDATE ON approvals
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_approvals();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vigil_live_decisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_live_notify('approvals',
    (SELECT array_agg(DISTINCT a.run_id) FROM approvals a WHERE a.id IN (SELECT approval_id FROM changed)),
    (SELECT array_agg(DISTINCT r.case_id) FROM approvals a JOIN playbook_runs r ON r.id = a.run_id
      WHERE a.id IN (SELECT approval_id FROM changed) AND r.case_id IS NOT NULL));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER approval_decisions_live_insert AFTER INSERT ON approval_decisions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_decisions();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vigil_live_containment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vigil_live_notify('containment',
    (SELECT array_agg(DISTINCT run_id) FROM changed WHERE run_id IS NOT NULL),
    (SELECT array_agg(DISTINCT case_id) FROM changed WHERE case_id IS NOT NULL));
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER containment_actions_live_insert AFTER INSERT ON containment_actions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_containment();
--> statement-breakpoint
CREATE TRIGGER containment_actions_live_update AFTER UPDATE ON containment_actions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vigil_live_containment();
