ALTER TABLE "referral_rewards" DROP CONSTRAINT "referral_rewards_credits";--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "referral_reward" jsonb;--> statement-breakpoint
ALTER TABLE "coupons" ADD COLUMN "customer_id" uuid;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD COLUMN "coupon" jsonb;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD COLUMN "coupon_id" uuid;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_coupon" CHECK ("referral_rewards"."coupon_id" is null or ("referral_rewards"."coupon" is not null and "referral_rewards"."status" = 'granted'));--> statement-breakpoint
ALTER TABLE "referral_rewards" ADD CONSTRAINT "referral_rewards_credits" CHECK (("referral_rewards"."coupon" is null and "referral_rewards"."credits" > 0) or ("referral_rewards"."coupon" is not null and "referral_rewards"."credits" = 0));