CREATE TABLE `channels` (
	`id` integer PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`channel_id` text NOT NULL,
	`workspace_id` text,
	`timezone` text DEFAULT 'UTC' NOT NULL,
	`digest_time` text DEFAULT '09:00' NOT NULL,
	`digest_days` text DEFAULT 'mon,tue,wed,thu,fri' NOT NULL,
	`digest_size` integer DEFAULT 5 NOT NULL,
	`min_upvotes` integer DEFAULT 0 NOT NULL,
	`empty_digest` text DEFAULT 'say' NOT NULL,
	`thread_mode` integer DEFAULT false NOT NULL,
	`paused` integer DEFAULT false NOT NULL,
	`pause_reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "channels_digest_size_ck" CHECK("channels"."digest_size" BETWEEN 1 AND 10),
	CONSTRAINT "channels_min_upvotes_ck" CHECK("channels"."min_upvotes" >= 0),
	CONSTRAINT "channels_empty_digest_ck" CHECK("channels"."empty_digest" IN ('say', 'skip')),
	CONSTRAINT "channels_digest_time_ck" CHECK("channels"."digest_time" GLOB '[01][0-9]:[0-5][0-9]' OR "channels"."digest_time" GLOB '2[0-3]:[0-5][0-9]')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `channels_platform_channel_uq` ON `channels` (`platform`,`channel_id`);--> statement-breakpoint
CREATE INDEX `channels_platform_workspace_idx` ON `channels` (`platform`,`workspace_id`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY NOT NULL,
	`channel` integer NOT NULL,
	`paper_id` text NOT NULL,
	`slot` integer NOT NULL,
	`position` integer NOT NULL,
	`delivered_at` text NOT NULL,
	FOREIGN KEY (`channel`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`slot`) REFERENCES `digest_slots`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_channel_paper_uq` ON `deliveries` (`channel`,`paper_id`);--> statement-breakpoint
CREATE INDEX `deliveries_slot_idx` ON `deliveries` (`slot`);--> statement-breakpoint
CREATE INDEX `deliveries_paper_idx` ON `deliveries` (`paper_id`);--> statement-breakpoint
CREATE TABLE `digest_slots` (
	`id` integer PRIMARY KEY NOT NULL,
	`channel` integer NOT NULL,
	`slot_key` text NOT NULL,
	`due_at` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`marker` text,
	`platform_message_id` text,
	`claimed_at` text NOT NULL,
	`posted_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`channel`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "digest_slots_status_ck" CHECK("digest_slots"."status" IN ('claimed', 'posted', 'failed', 'skipped'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digest_slots_channel_slot_key_uq` ON `digest_slots` (`channel`,`slot_key`);--> statement-breakpoint
CREATE INDEX `digest_slots_status_idx` ON `digest_slots` (`status`);--> statement-breakpoint
CREATE TABLE `paper_signals` (
	`id` integer PRIMARY KEY NOT NULL,
	`paper_id` text NOT NULL,
	`source` text NOT NULL,
	`observed_at` text NOT NULL,
	`upvotes` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`github_stars` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`paper_id`) REFERENCES `papers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `paper_signals_paper_observed_idx` ON `paper_signals` (`paper_id`,`observed_at`);--> statement-breakpoint
CREATE INDEX `paper_signals_paper_source_observed_idx` ON `paper_signals` (`paper_id`,`source`,`observed_at`);--> statement-breakpoint
CREATE TABLE `papers` (
	`doc_id` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`version` integer,
	`title` text NOT NULL,
	`abstract` text DEFAULT '' NOT NULL,
	`authors` text DEFAULT '[]' NOT NULL,
	`categories` text DEFAULT '[]' NOT NULL,
	`published_at` text,
	`hf_submitted_at` text,
	`ai_summary` text,
	`ai_keywords` text DEFAULT '[]' NOT NULL,
	`github_repo` text,
	`project_page` text,
	`thumbnail` text,
	`organization` text,
	`first_seen_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `papers_id_uq` ON `papers` (`id`);--> statement-breakpoint
CREATE INDEX `papers_hf_submitted_at_idx` ON `papers` (`hf_submitted_at`);--> statement-breakpoint
CREATE INDEX `papers_published_at_idx` ON `papers` (`published_at`);--> statement-breakpoint
CREATE TABLE `source_runs` (
	`id` integer PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`started_at` text NOT NULL,
	`finished_at` text,
	`status` text NOT NULL,
	`items` integer DEFAULT 0 NOT NULL,
	`error` text,
	CONSTRAINT "source_runs_status_ck" CHECK("source_runs"."status" IN ('running', 'ok', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `source_runs_source_started_idx` ON `source_runs` (`source`,`started_at`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY NOT NULL,
	`channel` integer NOT NULL,
	`normalized` text NOT NULL,
	`raw` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`channel`) REFERENCES `channels`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_channel_normalized_uq` ON `topics` (`channel`,`normalized`);