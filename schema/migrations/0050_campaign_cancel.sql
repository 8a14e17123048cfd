ALTER TABLE "campaigns" DROP CONSTRAINT "campaigns_status";--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_status" CHECK ("campaigns"."status" in ('scheduled', 'sending', 'sent', 'cancelled'));