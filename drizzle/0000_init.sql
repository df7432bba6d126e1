CREATE TYPE "public"."approval_status" AS ENUM('pending', 'approved', 'rejected', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('new', 'triage', 'contained', 'resolved', 'false_positive');--> statement-breakpoint
CREATE TYPE "public"."containment_status" AS ENUM('pending', 'active', 'completed', 'rolled_back', 'expired', 'failed');--> statement-breakpoint
CREATE TYPE "public"."observable_type" AS ENUM('ip', 'user', 'email', 'host', 'domain', 'url', 'md5', 'sha1', 'sha256');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('analyst', 'manager', 'admin');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."severity" AS ENUM('low', 'medium', 'high', 'critical');--> statement-breakpoint
CREATE TYPE "public"."step_status" AS ENUM('running', 'succeeded', 'failed', 'waiting', 'skipped');--> statement-breakpoint
CREATE TABLE "login_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone DEFAULT now() NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" DEFAULT 'analyst' NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "alert_observables" (
	"alert_id" uuid NOT NULL,
	"observable_id" uuid NOT NULL,
	"role" text,
	CONSTRAINT "alert_observables_alert_id_observable_id_pk" PRIMARY KEY("alert_id","observable_id")
);
--> statement-breakpoint
CREATE TABLE "alert_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'generic' NOT NULL,
	"auth" text DEFAULT 'token' NOT NULL,
	"secret_ciphertext" text NOT NULL,
	"mapping" jsonb,
	"enabled" boolean DEFAULT true NOT NULL,
	"rate_limit_per_minute" integer,
	"secret_rotated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alert_sources_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_id" uuid NOT NULL,
	"external_id" text,
	"fingerprint" text NOT NULL,
	"title" text NOT NULL,
	"severity" "severity" NOT NULL,
	"category" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"duplicate_count" integer DEFAULT 0 NOT NULL,
	"raw" jsonb NOT NULL,
	"raw_body" "bytea",
	"normalized" jsonb NOT NULL,
	"case_id" uuid,
	"previous_case_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrichments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"observable_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"verdict" text,
	"score" integer,
	"result" jsonb NOT NULL,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ingest_failures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_slug" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_code" integer NOT NULL,
	"reason" text NOT NULL,
	"headers" jsonb NOT NULL,
	"body" "bytea" NOT NULL,
	"replayed_at" timestamp with time zone,
	"replayed_by" uuid,
	"replay_result" jsonb
);
--> statement-breakpoint
CREATE TABLE "intake_counters" (
	"source_slug" text NOT NULL,
	"reason" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "intake_counters_source_slug_reason_pk" PRIMARY KEY("source_slug","reason")
);
--> statement-breakpoint
CREATE TABLE "intake_rate_counts" (
	"source_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"node" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "intake_rate_counts_source_id_window_start_node_pk" PRIMARY KEY("source_id","window_start","node")
);
--> statement-breakpoint
CREATE TABLE "observables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type" "observable_type" NOT NULL,
	"value" text NOT NULL,
	"first_seen" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_nonces" (
	"source_id" uuid NOT NULL,
	"signature" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_nonces_source_id_signature_pk" PRIMARY KEY("source_id","signature")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"kind" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_observables" (
	"case_id" uuid NOT NULL,
	"observable_id" uuid NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_observables_case_id_observable_id_pk" PRIMARY KEY("case_id","observable_id")
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" bigint GENERATED ALWAYS AS IDENTITY (sequence name "cases_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"severity" "severity" NOT NULL,
	"status" "case_status" DEFAULT 'new' NOT NULL,
	"assignee_id" uuid,
	"source_id" uuid,
	"group_key" text,
	"alert_count" integer DEFAULT 0 NOT NULL,
	"last_alert_at" timestamp with time zone,
	"merged_into_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"author_id" uuid,
	"author" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "grouping_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"priority" integer DEFAULT 100 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"config" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_decisions" (
	"approval_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text,
	"params_hash" text NOT NULL,
	"via" text DEFAULT 'web' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_decisions_approval_id_user_id_pk" PRIMARY KEY("approval_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"step_name" text NOT NULL,
	"title" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"params_hash" text NOT NULL,
	"required_role" "role" DEFAULT 'manager' NOT NULL,
	"quorum" integer DEFAULT 1 NOT NULL,
	"requested_by" uuid,
	"expires_at" timestamp with time zone,
	"on_timeout" text DEFAULT 'reject' NOT NULL,
	"status" "approval_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"expire_job_id" bigint,
	CONSTRAINT "approvals_run_step_key" UNIQUE("run_id","step_name")
);
--> statement-breakpoint
CREATE TABLE "playbook_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"playbook_id" text NOT NULL,
	"version_hash" text,
	"case_id" uuid,
	"alert_id" uuid,
	"status" "run_status" DEFAULT 'queued' NOT NULL,
	"input" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"output" jsonb,
	"error" text,
	"requested_by" uuid,
	"execution_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playbooks" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"version_hash" text NOT NULL,
	"source" text NOT NULL,
	"trigger" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_signals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor" text DEFAULT 'system' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_steps" (
	"run_id" uuid NOT NULL,
	"name" text NOT NULL,
	"seq" integer NOT NULL,
	"kind" text DEFAULT 'step' NOT NULL,
	"status" "step_status" NOT NULL,
	"attempt" integer DEFAULT 1 NOT NULL,
	"input" jsonb,
	"output" jsonb,
	"error" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"wake_at" timestamp with time zone,
	"wake_job_id" bigint,
	CONSTRAINT "run_steps_run_id_name_pk" PRIMARY KEY("run_id","name"),
	CONSTRAINT "run_steps_run_seq_key" UNIQUE("run_id","seq")
);
--> statement-breakpoint
CREATE TABLE "signed_link_uses" (
	"nonce" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject" text NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "worker_heartbeats" (
	"id" text PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"playbooks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"graphile_worker_ids" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"integration" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_ciphertext" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"last_test_at" timestamp with time zone,
	"last_test_ok" boolean,
	"last_test_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "containment_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid,
	"case_id" uuid,
	"connection_id" uuid NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"inverse" jsonb,
	"result" jsonb,
	"status" "containment_status" DEFAULT 'active' NOT NULL,
	"idempotency_key" text,
	"error" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"rolled_back_at" timestamp with time zone,
	"rolled_back_by" text
);
--> statement-breakpoint
CREATE TABLE "api_quota_usage" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"exhausted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "api_quota_usage_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"subject" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_observables" ADD CONSTRAINT "alert_observables_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alert_observables" ADD CONSTRAINT "alert_observables_observable_id_observables_id_fk" FOREIGN KEY ("observable_id") REFERENCES "public"."observables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_source_id_alert_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."alert_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alerts" ADD CONSTRAINT "alerts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrichments" ADD CONSTRAINT "enrichments_observable_id_observables_id_fk" FOREIGN KEY ("observable_id") REFERENCES "public"."observables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_rate_counts" ADD CONSTRAINT "intake_rate_counts_source_id_alert_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."alert_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_nonces" ADD CONSTRAINT "webhook_nonces_source_id_alert_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."alert_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_observables" ADD CONSTRAINT "case_observables_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_observables" ADD CONSTRAINT "case_observables_observable_id_observables_id_fk" FOREIGN KEY ("observable_id") REFERENCES "public"."observables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_source_id_alert_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."alert_sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_decisions" ADD CONSTRAINT "approval_decisions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_playbook_id_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."playbooks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_alert_id_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."alerts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "playbook_runs" ADD CONSTRAINT "playbook_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_steps" ADD CONSTRAINT "run_steps_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "containment_actions" ADD CONSTRAINT "containment_actions_run_id_playbook_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."playbook_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "containment_actions" ADD CONSTRAINT "containment_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "containment_actions" ADD CONSTRAINT "containment_actions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_throttle_window_start_index" ON "login_throttle" USING btree ("window_start");--> statement-breakpoint
CREATE INDEX "sessions_user_id_index" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_index" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "alert_observables_observable_id_index" ON "alert_observables" USING btree ("observable_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_source_external_id_key" ON "alerts" USING btree ("source_id","external_id");--> statement-breakpoint
CREATE INDEX "alerts_source_fingerprint_idx" ON "alerts" USING btree ("source_id","fingerprint","received_at");--> statement-breakpoint
CREATE INDEX "alerts_case_id_idx" ON "alerts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "alerts_received_at_idx" ON "alerts" USING btree ("received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enrichments_observable_provider_key" ON "enrichments" USING btree ("observable_id","provider");--> statement-breakpoint
CREATE INDEX "ingest_failures_source_slug_received_at_index" ON "ingest_failures" USING btree ("source_slug","received_at");--> statement-breakpoint
CREATE INDEX "intake_rate_counts_window_start_index" ON "intake_rate_counts" USING btree ("window_start");--> statement-breakpoint
CREATE UNIQUE INDEX "observables_type_value_key" ON "observables" USING btree ("type","value");--> statement-breakpoint
CREATE INDEX "webhook_nonces_expires_at_index" ON "webhook_nonces" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "case_events_case_at_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_events_kind_at_idx" ON "case_events" USING btree ("kind","at");--> statement-breakpoint
CREATE INDEX "case_observables_observable_id_index" ON "case_observables" USING btree ("observable_id");--> statement-breakpoint
CREATE INDEX "cases_status_created_idx" ON "cases" USING btree ("status","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_created_idx" ON "cases" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "cases_severity_created_idx" ON "cases" USING btree ("severity","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_group_key_idx" ON "cases" USING btree ("group_key","last_alert_at");--> statement-breakpoint
CREATE INDEX "cases_assignee_idx" ON "cases" USING btree ("assignee_id","created_at","id");--> statement-breakpoint
CREATE INDEX "cases_source_created_idx" ON "cases" USING btree ("source_id","created_at","id");--> statement-breakpoint
CREATE INDEX "comments_case_id_created_at_index" ON "comments" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "approvals_status_created_at_index" ON "approvals" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_case_idx" ON "playbook_runs" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "playbook_runs_status_idx" ON "playbook_runs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "playbook_runs_playbook_idx" ON "playbook_runs" USING btree ("playbook_id","created_at");--> statement-breakpoint
CREATE INDEX "run_signals_event_at_index" ON "run_signals" USING btree ("event","at");--> statement-breakpoint
CREATE INDEX "run_steps_waiting_event_idx" ON "run_steps" USING btree (("input"->>'event')) WHERE "run_steps"."kind" = 'wait' and "run_steps"."status" = 'waiting';--> statement-breakpoint
CREATE UNIQUE INDEX "containment_actions_idempotency_key" ON "containment_actions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "containment_actions_status_expires_at_index" ON "containment_actions" USING btree ("status","expires_at");--> statement-breakpoint
CREATE INDEX "containment_actions_case_id_index" ON "containment_actions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "containment_actions_rate_idx" ON "containment_actions" USING btree ("connection_id","action","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_action_at_index" ON "audit_log" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "audit_log_subject_index" ON "audit_log" USING btree ("subject");