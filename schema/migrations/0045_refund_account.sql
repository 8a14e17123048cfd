ALTER TABLE "refunds" ADD COLUMN "account_holder" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "iban" text;--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "account_given_at" timestamp with time zone;