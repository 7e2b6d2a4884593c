CREATE TABLE "replays" (
	"token" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"replay" jsonb NOT NULL,
	"created_at" text NOT NULL,
	"expires_at" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "replays_expires_at_idx" ON "replays" USING btree ("expires_at");