ALTER TYPE "public"."outbox_status" ADD VALUE 'held';--> statement-breakpoint
CREATE INDEX "mail_outbox_recipient" ON "mail_outbox" USING btree ("org_id","to_address","created_at");