ALTER TABLE `digest_slots` ADD `planned_paper_ids` text;--> statement-breakpoint
CREATE INDEX `digest_slots_channel_due_idx` ON `digest_slots` (`channel`,`due_at`);--> statement-breakpoint
CREATE INDEX `papers_submitted_idx` ON `papers` (coalesce(`hf_submitted_at`, `published_at`, `first_seen_at`));
