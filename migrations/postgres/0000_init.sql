CREATE TABLE "channels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"channel_id" text NOT NULL,
	"workspace_id" text,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"digest_time" text DEFAULT '09:00' NOT NULL,
	"digest_days" text DEFAULT 'mon,tue,wed,thu,fri' NOT NULL,
	"digest_size" integer DEFAULT 5 NOT NULL,
	"min_upvotes" integer DEFAULT 0 NOT NULL,
	"empty_digest" text DEFAULT 'say' NOT NULL,
	"thread_mode" boolean DEFAULT false NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"pause_reason" text,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "channels_digest_size_ck" CHECK ("channels"."digest_size" BETWEEN 1 AND 10),
	CONSTRAINT "channels_min_upvotes_ck" CHECK ("channels"."min_upvotes" >= 0),
	CONSTRAINT "channels_empty_digest_ck" CHECK ("channels"."empty_digest" IN ('say', 'skip')),
	CONSTRAINT "channels_digest_time_ck" CHECK ("channels"."digest_time" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel" integer NOT NULL,
	"paper_id" text NOT NULL,
	"slot" integer NOT NULL,
	"position" integer NOT NULL,
	"delivered_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_slots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "digest_slots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel" integer NOT NULL,
	"slot_key" text NOT NULL,
	"due_at" text,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"marker" text,
	"platform_message_id" text,
	"claimed_at" text NOT NULL,
	"posted_at" text,
	"updated_at" text NOT NULL,
	"planned_paper_ids" jsonb,
	CONSTRAINT "digest_slots_status_ck" CHECK ("digest_slots"."status" IN ('claimed', 'posted', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "paper_signals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "paper_signals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"paper_id" text NOT NULL,
	"source" text NOT NULL,
	"observed_at" text NOT NULL,
	"upvotes" integer DEFAULT 0 NOT NULL,
	"comments" integer DEFAULT 0 NOT NULL,
	"github_stars" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"doc_id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "papers_doc_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id" text NOT NULL,
	"version" integer,
	"title" text NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"authors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" text,
	"hf_submitted_at" text,
	"ai_summary" text,
	"ai_keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"github_repo" text,
	"project_page" text,
	"thumbnail" text,
	"organization" text,
	"first_seen_at" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "papers_id_uq" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "search_docs" (
	"doc_id" integer PRIMARY KEY NOT NULL,
	"paper_id" text NOT NULL,
	"terms" "bytea" NOT NULL,
	"length" integer NOT NULL,
	"upvotes" integer NOT NULL,
	"dated_ms" double precision,
	"submitted" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_log" (
	"generation" integer NOT NULL,
	"doc_id" integer NOT NULL,
	CONSTRAINT "search_log_pk" PRIMARY KEY("generation","doc_id")
);
--> statement-breakpoint
CREATE TABLE "search_meta" (
	"id" integer PRIMARY KEY NOT NULL,
	"docs" integer DEFAULT 0 NOT NULL,
	"tokens" double precision DEFAULT 0 NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"complete" boolean DEFAULT false NOT NULL,
	CONSTRAINT "search_meta_one_ck" CHECK ("search_meta"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "search_postings" (
	"term_id" integer NOT NULL,
	"seg" integer NOT NULL,
	"n" integer NOT NULL,
	"postings" "bytea" NOT NULL,
	CONSTRAINT "search_postings_pk" PRIMARY KEY("term_id","seg")
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"id" integer PRIMARY KEY NOT NULL,
	"term" text NOT NULL,
	"df" integer NOT NULL,
	"listed" boolean NOT NULL,
	CONSTRAINT "search_terms_term_uq" UNIQUE("term")
);
--> statement-breakpoint
CREATE TABLE "search_text" (
	"doc_id" integer PRIMARY KEY NOT NULL,
	"tsv" "tsvector" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "source_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "source_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"source" text NOT NULL,
	"started_at" text NOT NULL,
	"finished_at" text,
	"status" text NOT NULL,
	"items" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "source_runs_status_ck" CHECK ("source_runs"."status" IN ('running', 'ok', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "topics" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel" integer NOT NULL,
	"normalized" text NOT NULL,
	"raw" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_channel_channels_id_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_slot_digest_slots_id_fk" FOREIGN KEY ("slot") REFERENCES "public"."digest_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_slots" ADD CONSTRAINT "digest_slots_channel_channels_id_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_signals" ADD CONSTRAINT "paper_signals_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "topics" ADD CONSTRAINT "topics_channel_channels_id_fk" FOREIGN KEY ("channel") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "channels_platform_channel_uq" ON "channels" USING btree ("platform","channel_id");--> statement-breakpoint
CREATE INDEX "channels_platform_workspace_idx" ON "channels" USING btree ("platform","workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_channel_paper_uq" ON "deliveries" USING btree ("channel","paper_id");--> statement-breakpoint
CREATE INDEX "deliveries_slot_idx" ON "deliveries" USING btree ("slot");--> statement-breakpoint
CREATE INDEX "deliveries_paper_idx" ON "deliveries" USING btree ("paper_id");--> statement-breakpoint
CREATE UNIQUE INDEX "digest_slots_channel_slot_key_uq" ON "digest_slots" USING btree ("channel","slot_key");--> statement-breakpoint
CREATE INDEX "digest_slots_channel_due_idx" ON "digest_slots" USING btree ("channel","due_at");--> statement-breakpoint
CREATE INDEX "digest_slots_status_idx" ON "digest_slots" USING btree ("status");--> statement-breakpoint
CREATE INDEX "paper_signals_paper_observed_idx" ON "paper_signals" USING btree ("paper_id","observed_at");--> statement-breakpoint
CREATE INDEX "paper_signals_paper_source_observed_idx" ON "paper_signals" USING btree ("paper_id","source","observed_at");--> statement-breakpoint
CREATE INDEX "papers_hf_submitted_at_idx" ON "papers" USING btree ("hf_submitted_at");--> statement-breakpoint
CREATE INDEX "papers_published_at_idx" ON "papers" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "papers_submitted_idx" ON "papers" USING btree (coalesce("hf_submitted_at", "published_at", "first_seen_at"));--> statement-breakpoint
CREATE INDEX "search_text_tsv_idx" ON "search_text" USING gin ("tsv") WITH (gin_pending_list_limit=256);--> statement-breakpoint
CREATE INDEX "source_runs_source_started_idx" ON "source_runs" USING btree ("source","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "topics_channel_normalized_uq" ON "topics" USING btree ("channel","normalized");