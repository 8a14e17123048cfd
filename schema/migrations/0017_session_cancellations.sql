ALTER TABLE "program_sessions" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "program_sessions" ADD COLUMN "cancelled_by" text;