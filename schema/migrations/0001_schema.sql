CREATE TYPE "public"."api_key_kind" AS ENUM('publishable', 'secret');--> statement-breakpoint
CREATE TYPE "public"."staff_role" AS ENUM('owner', 'manager', 'instructor');--> statement-breakpoint
CREATE TYPE "public"."delivery_mode" AS ENUM('in_person', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."program_category" AS ENUM('coaching', 'mobility', 'reiki', 'private_class');--> statement-breakpoint
CREATE TYPE "public"."program_visibility" AS ENUM('public', 'by_link', 'hidden');--> statement-breakpoint
CREATE TYPE "public"."availability_kind" AS ENUM('weekly', 'closed', 'replace', 'extra');--> statement-breakpoint
CREATE TYPE "public"."block_kind" AS ENUM('session', 'class', 'appointment', 'time_off');--> statement-breakpoint
CREATE TYPE "public"."block_status" AS ENUM('held', 'active', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."booking_status" AS ENUM('reserved', 'confirmed', 'in_progress', 'completed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."session_status" AS ENUM('scheduled', 'completed', 'cancelled', 'no_show');--> statement-breakpoint
CREATE TYPE "public"."installment_status" AS ENUM('scheduled', 'paid', 'failed', 'overdue', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."order_status" AS ENUM('pending', 'partially_paid', 'paid', 'cancelled', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."payment_method" AS ENUM('card', 'twint', 'qr_bill', 'bank_transfer', 'credits', 'test');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'succeeded', 'failed', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."outbox_status" AS ENUM('pending', 'sent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."sender_kind" AS ENUM('customer', 'staff', 'system');--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "api_key_kind" NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"staff_id" uuid,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"phone" text,
	"locale" text DEFAULT 'en' NOT NULL,
	"timezone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_org_id" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "customers" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_org_id" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "locations" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "org_domains" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "org_domains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid GENERATED ALWAYS AS (id) STORED NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"timezone" text NOT NULL,
	"currency" text NOT NULL,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"billing" jsonb,
	"stripe_account_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orgs_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "orgs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_org_id" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "resources" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"role" "staff_role" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"bio" text,
	"photo_url" text,
	"timezone" text NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_org_id" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "staff" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_instructors" (
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	CONSTRAINT "program_instructors_org_id_program_id_staff_id_pk" PRIMARY KEY("org_id","program_id","staff_id")
);
--> statement-breakpoint
ALTER TABLE "program_instructors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_intake_forms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"form_schema_json" jsonb NOT NULL,
	"is_required" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_intake_forms_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_intake_forms_program" UNIQUE("org_id","program_id")
);
--> statement-breakpoint
ALTER TABLE "program_intake_forms" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"order_idx" integer NOT NULL,
	"name" text NOT NULL,
	"description_md" text DEFAULT '' NOT NULL,
	"due_day_offset" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_milestones_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_milestones_order" UNIQUE("org_id","program_id","order_idx")
);
--> statement-breakpoint
ALTER TABLE "program_milestones" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_variants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sessions_count" integer DEFAULT 1 NOT NULL,
	"currency" text NOT NULL,
	"price" integer NOT NULL,
	"credit_price" integer,
	"vat_rate_bp" integer NOT NULL,
	"deposit_amount" integer,
	"pay_plan_json" jsonb,
	"billing" text DEFAULT 'package' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_variants_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_variants_price" CHECK ("program_variants"."price" >= 0),
	CONSTRAINT "program_variants_currency" CHECK ("program_variants"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "program_variants_vat" CHECK ("program_variants"."vat_rate_bp" between 0 and 10000),
	CONSTRAINT "program_variants_deposit" CHECK ("program_variants"."deposit_amount" is null or ("program_variants"."deposit_amount" >= 0 and "program_variants"."deposit_amount" <= "program_variants"."price")),
	CONSTRAINT "program_variants_credit" CHECK ("program_variants"."credit_price" is null or "program_variants"."credit_price" > 0),
	CONSTRAINT "program_variants_billing" CHECK ("program_variants"."billing" in ('package', 'per_session'))
);
--> statement-breakpoint
ALTER TABLE "program_variants" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "programs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"long_description_md" text DEFAULT '' NOT NULL,
	"category" "program_category" NOT NULL,
	"delivery_mode" "delivery_mode" NOT NULL,
	"session_length_min" integer NOT NULL,
	"is_multi_session" boolean DEFAULT false NOT NULL,
	"default_sessions_count" integer DEFAULT 1 NOT NULL,
	"visibility" "program_visibility" DEFAULT 'public' NOT NULL,
	"private_link_token" text,
	"media" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"policies" jsonb DEFAULT '{"free_cancel_hours":24,"late_cancel_fee_bp":5000,"no_show_fee_bp":10000}'::jsonb NOT NULL,
	"scheduling" jsonb DEFAULT '{"buffer_before_min":0,"buffer_after_min":15,"min_notice_min":720,"horizon_days":90,"slot_step_min":30}'::jsonb NOT NULL,
	"location_id" uuid,
	"resource_id" uuid,
	"meeting_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "programs_org_slug" UNIQUE("org_id","slug"),
	CONSTRAINT "programs_session_length" CHECK ("programs"."session_length_min" between 5 and 1440),
	CONSTRAINT "programs_sessions_count" CHECK ("programs"."default_sessions_count" between 1 and 52),
	CONSTRAINT "programs_link_token" CHECK ("programs"."visibility" <> 'by_link' or "programs"."private_link_token" is not null)
);
--> statement-breakpoint
ALTER TABLE "programs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "availability_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"kind" "availability_kind" DEFAULT 'weekly' NOT NULL,
	"weekday" smallint,
	"on_date" date,
	"start_time" time,
	"end_time" time,
	"valid_from" date,
	"valid_until" date,
	"timezone" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "availability_rules_shape" CHECK (
    ("availability_rules"."kind" = 'weekly' and "availability_rules"."weekday" between 1 and 7 and "availability_rules"."on_date" is null and "availability_rules"."start_time" is not null and "availability_rules"."end_time" is not null)
    or ("availability_rules"."kind" = 'closed' and "availability_rules"."on_date" is not null)
    or ("availability_rules"."kind" in ('replace', 'extra') and "availability_rules"."on_date" is not null and "availability_rules"."start_time" is not null and "availability_rules"."end_time" is not null)),
	CONSTRAINT "availability_rules_order" CHECK ("availability_rules"."start_time" is null or "availability_rules"."end_time" = '00:00' or "availability_rules"."start_time" < "availability_rules"."end_time")
);
--> statement-breakpoint
ALTER TABLE "availability_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "class_occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"resource_id" uuid,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"timezone" text NOT NULL,
	"capacity" integer DEFAULT 12 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "class_occurrences_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "class_occurrences_order" CHECK ("class_occurrences"."starts_at" < "class_occurrences"."ends_at")
);
--> statement-breakpoint
ALTER TABLE "class_occurrences" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "schedule_blocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" "block_kind" NOT NULL,
	"status" "block_status" DEFAULT 'active' NOT NULL,
	"instructor_id" uuid,
	"resource_id" uuid,
	"during" "tstzrange" NOT NULL,
	"timezone" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"session_id" uuid,
	"class_occurrence_id" uuid,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_blocks_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "schedule_blocks_owner" CHECK ("schedule_blocks"."instructor_id" is not null or "schedule_blocks"."resource_id" is not null),
	CONSTRAINT "schedule_blocks_hold" CHECK ("schedule_blocks"."status" <> 'held' or "schedule_blocks"."hold_expires_at" is not null),
	CONSTRAINT "schedule_blocks_range" CHECK (not isempty("schedule_blocks"."during") and not lower_inf("schedule_blocks"."during") and not upper_inf("schedule_blocks"."during"))
);
--> statement-breakpoint
ALTER TABLE "schedule_blocks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"variant_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"instructor_id" uuid NOT NULL,
	"status" "booking_status" DEFAULT 'reserved' NOT NULL,
	"order_id" uuid,
	"currency" text NOT NULL,
	"total_price" integer NOT NULL,
	"sessions_count" integer NOT NULL,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"intake_answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"private_link_token" text,
	"client_token_hash" text NOT NULL,
	"hold_expires_at" timestamp with time zone,
	"payment_overdue" boolean DEFAULT false NOT NULL,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_bookings_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_bookings_total" CHECK ("program_bookings"."total_price" >= 0),
	CONSTRAINT "program_bookings_hold" CHECK ("program_bookings"."status" <> 'reserved' or "program_bookings"."hold_expires_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "program_bookings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"milestone_id" uuid NOT NULL,
	"completed_at" timestamp with time zone,
	"artifact_url" text,
	"notes_md" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_progress_milestone" UNIQUE("org_id","booking_id","milestone_id")
);
--> statement-breakpoint
ALTER TABLE "program_progress" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "program_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"timezone" text NOT NULL,
	"location_id" uuid,
	"meeting_url" text,
	"status" "session_status" DEFAULT 'scheduled' NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"check_in_at" timestamp with time zone,
	"notes_private_md" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_sessions_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "program_sessions_seq" UNIQUE("org_id","booking_id","seq"),
	CONSTRAINT "program_sessions_time" CHECK (("program_sessions"."starts_at" is null and "program_sessions"."ends_at" is null) or "program_sessions"."starts_at" < "program_sessions"."ends_at")
);
--> statement-breakpoint
ALTER TABLE "program_sessions" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"percent_bp" integer,
	"amount_off" integer,
	"currency" text,
	"valid_from" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"max_redemptions" integer,
	"max_per_customer" integer,
	"program_ids" uuid[],
	"variant_ids" uuid[],
	"min_total" integer,
	"redemptions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_kind" CHECK (("coupons"."kind" = 'percent' and "coupons"."percent_bp" between 1 and 10000) or ("coupons"."kind" = 'fixed' and "coupons"."amount_off" > 0 and "coupons"."currency" is not null))
);
--> statement-breakpoint
ALTER TABLE "coupons" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "credit_ledger" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"reason" text NOT NULL,
	"booking_id" uuid,
	"order_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credit_ledger_balance" CHECK ("credit_ledger"."balance_after" >= 0),
	CONSTRAINT "credit_ledger_delta" CHECK ("credit_ledger"."delta" <> 0)
);
--> statement-breakpoint
ALTER TABLE "credit_ledger" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "installments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"status" "installment_status" DEFAULT 'scheduled' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"paid_at" timestamp with time zone,
	CONSTRAINT "installments_seq" UNIQUE("org_id","plan_id","seq"),
	CONSTRAINT "installments_amount" CHECK ("installments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "installments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invoice_counters" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"last_number" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoice_counters" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invoices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reference" text,
	"reference_type" text,
	"snapshot" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "invoices_number" UNIQUE("org_id","number"),
	CONSTRAINT "invoices_order" UNIQUE("org_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "invoices" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "order_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"description" text NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"unit_price" integer NOT NULL,
	"discount" integer DEFAULT 0 NOT NULL,
	"amount" integer NOT NULL,
	"vat_rate_bp" integer NOT NULL,
	"vat_amount" integer NOT NULL,
	"currency" text NOT NULL,
	"program_id" uuid,
	"variant_id" uuid,
	"session_id" uuid,
	CONSTRAINT "order_items_amounts" CHECK ("order_items"."amount" >= 0 and "order_items"."vat_amount" >= 0 and "order_items"."vat_amount" <= "order_items"."amount")
);
--> statement-breakpoint
ALTER TABLE "order_items" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"booking_id" uuid,
	"status" "order_status" DEFAULT 'pending' NOT NULL,
	"currency" text NOT NULL,
	"subtotal" integer NOT NULL,
	"discount_total" integer DEFAULT 0 NOT NULL,
	"vat_total" integer NOT NULL,
	"rounding_adjustment" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"amount_paid" integer DEFAULT 0 NOT NULL,
	"coupon_id" uuid,
	"referral_code_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "orders_currency" CHECK ("orders"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "orders_amounts" CHECK ("orders"."total" >= 0 and "orders"."amount_paid" >= 0 and "orders"."vat_total" >= 0)
);
--> statement-breakpoint
ALTER TABLE "orders" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"total" integer NOT NULL,
	"deposit" integer NOT NULL,
	"plan_json" jsonb NOT NULL,
	"stripe_customer_id" text,
	"stripe_payment_method_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_plans_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "payment_plans_order" UNIQUE("org_id","order_id"),
	CONSTRAINT "payment_plans_deposit" CHECK ("payment_plans"."deposit" >= 0 and "payment_plans"."deposit" <= "payment_plans"."total")
);
--> statement-breakpoint
ALTER TABLE "payment_plans" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"installment_id" uuid,
	"method" "payment_method" NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"provider" text NOT NULL,
	"provider_ref" text,
	"reference" text,
	"failure_reason" text,
	"succeeded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_org_id" UNIQUE("org_id","id"),
	CONSTRAINT "payments_amount" CHECK ("payments"."amount" > 0)
);
--> statement-breakpoint
ALTER TABLE "payments" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"code" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"referee_discount_bp" integer DEFAULT 1000 NOT NULL,
	"referrer_reward_credits" integer DEFAULT 1 NOT NULL,
	"uses" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "referral_codes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"payment_id" uuid,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"credits" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"provider_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_amount" CHECK ("refunds"."amount" >= 0 and "refunds"."credits" >= 0)
);
--> statement-breakpoint
ALTER TABLE "refunds" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"dedupe_key" text NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"text_body" text NOT NULL,
	"html_body" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "outbox_status" DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_outbox" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"booking_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_threads_org_id" UNIQUE("org_id","id")
);
--> statement-breakpoint
ALTER TABLE "message_threads" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"sender_kind" "sender_kind" NOT NULL,
	"sender_id" uuid,
	"body_md" text NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "messages" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "earnings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"session_id" uuid,
	"booking_id" uuid,
	"amount" integer NOT NULL,
	"currency" text NOT NULL,
	"rule_id" uuid,
	"earned_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "earnings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payroll_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"staff_id" uuid NOT NULL,
	"program_id" uuid,
	"kind" text NOT NULL,
	"value" integer NOT NULL,
	"currency" text NOT NULL,
	"valid_from" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payroll_rules_kind" CHECK ("payroll_rules"."kind" in ('percent', 'per_session')),
	CONSTRAINT "payroll_rules_value" CHECK ("payroll_rules"."value" >= 0)
);
--> statement-breakpoint
ALTER TABLE "payroll_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key" text NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"response_status" integer,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone DEFAULT now() + interval '24 hours' NOT NULL
);
--> statement-breakpoint
ALTER TABLE "idempotency_keys" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_domains" ADD CONSTRAINT "org_domains_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_org_id_location_id_locations_org_id_id_fk" FOREIGN KEY ("org_id","location_id") REFERENCES "public"."locations"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_instructors" ADD CONSTRAINT "program_instructors_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_instructors" ADD CONSTRAINT "program_instructors_org_id_staff_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","staff_id") REFERENCES "public"."staff"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_intake_forms" ADD CONSTRAINT "program_intake_forms_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_milestones" ADD CONSTRAINT "program_milestones_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_variants" ADD CONSTRAINT "program_variants_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_org_id_location_id_locations_org_id_id_fk" FOREIGN KEY ("org_id","location_id") REFERENCES "public"."locations"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_org_id_resource_id_resources_org_id_id_fk" FOREIGN KEY ("org_id","resource_id") REFERENCES "public"."resources"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "availability_rules" ADD CONSTRAINT "availability_rules_org_id_instructor_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","instructor_id") REFERENCES "public"."staff"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_occurrences" ADD CONSTRAINT "class_occurrences_org_id_instructor_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","instructor_id") REFERENCES "public"."staff"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "class_occurrences" ADD CONSTRAINT "class_occurrences_org_id_resource_id_resources_org_id_id_fk" FOREIGN KEY ("org_id","resource_id") REFERENCES "public"."resources"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_blocks" ADD CONSTRAINT "schedule_blocks_org_id_instructor_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","instructor_id") REFERENCES "public"."staff"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_blocks" ADD CONSTRAINT "schedule_blocks_org_id_resource_id_resources_org_id_id_fk" FOREIGN KEY ("org_id","resource_id") REFERENCES "public"."resources"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_blocks" ADD CONSTRAINT "schedule_blocks_org_id_class_occurrence_id_class_occurrences_org_id_id_fk" FOREIGN KEY ("org_id","class_occurrence_id") REFERENCES "public"."class_occurrences"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_org_id_program_id_programs_org_id_id_fk" FOREIGN KEY ("org_id","program_id") REFERENCES "public"."programs"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_org_id_variant_id_program_variants_org_id_id_fk" FOREIGN KEY ("org_id","variant_id") REFERENCES "public"."program_variants"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_org_id_instructor_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","instructor_id") REFERENCES "public"."staff"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_progress" ADD CONSTRAINT "program_progress_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_progress" ADD CONSTRAINT "program_progress_org_id_milestone_id_program_milestones_org_id_id_fk" FOREIGN KEY ("org_id","milestone_id") REFERENCES "public"."program_milestones"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_sessions" ADD CONSTRAINT "program_sessions_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_sessions" ADD CONSTRAINT "program_sessions_org_id_location_id_locations_org_id_id_fk" FOREIGN KEY ("org_id","location_id") REFERENCES "public"."locations"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupons" ADD CONSTRAINT "coupons_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credit_ledger" ADD CONSTRAINT "credit_ledger_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installments" ADD CONSTRAINT "installments_org_id_plan_id_payment_plans_org_id_id_fk" FOREIGN KEY ("org_id","plan_id") REFERENCES "public"."payment_plans"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "installments" ADD CONSTRAINT "installments_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_counters" ADD CONSTRAINT "invoice_counters_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoices" ADD CONSTRAINT "invoices_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_plans" ADD CONSTRAINT "payment_plans_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_org_id_customer_id_customers_org_id_id_fk" FOREIGN KEY ("org_id","customer_id") REFERENCES "public"."customers"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id_order_id_orders_org_id_id_fk" FOREIGN KEY ("org_id","order_id") REFERENCES "public"."orders"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_org_id_payment_id_payments_org_id_id_fk" FOREIGN KEY ("org_id","payment_id") REFERENCES "public"."payments"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_outbox" ADD CONSTRAINT "mail_outbox_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_threads" ADD CONSTRAINT "message_threads_org_id_booking_id_program_bookings_org_id_id_fk" FOREIGN KEY ("org_id","booking_id") REFERENCES "public"."program_bookings"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_thread_id_message_threads_org_id_id_fk" FOREIGN KEY ("org_id","thread_id") REFERENCES "public"."message_threads"("org_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earnings" ADD CONSTRAINT "earnings_org_id_staff_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","staff_id") REFERENCES "public"."staff"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll_rules" ADD CONSTRAINT "payroll_rules_org_id_staff_id_staff_org_id_id_fk" FOREIGN KEY ("org_id","staff_id") REFERENCES "public"."staff"("org_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customers_org_email" ON "customers" USING btree ("org_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "org_domains_org_origin" ON "org_domains" USING btree ("org_id","origin");--> statement-breakpoint
CREATE INDEX "resources_location" ON "resources" USING btree ("org_id","location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_org_email" ON "staff" USING btree ("org_id","email");--> statement-breakpoint
CREATE INDEX "program_variants_program" ON "program_variants" USING btree ("org_id","program_id");--> statement-breakpoint
CREATE INDEX "availability_rules_instructor" ON "availability_rules" USING btree ("org_id","instructor_id");--> statement-breakpoint
CREATE INDEX "schedule_blocks_session" ON "schedule_blocks" USING btree ("org_id","session_id");--> statement-breakpoint
CREATE INDEX "program_bookings_customer" ON "program_bookings" USING btree ("org_id","customer_id");--> statement-breakpoint
CREATE INDEX "program_bookings_instructor" ON "program_bookings" USING btree ("org_id","instructor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "coupons_code" ON "coupons" USING btree ("org_id",upper("code"));--> statement-breakpoint
CREATE INDEX "credit_ledger_customer" ON "credit_ledger" USING btree ("org_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "order_items_order" ON "order_items" USING btree ("org_id","order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_provider_ref" ON "payments" USING btree ("provider","provider_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code" ON "referral_codes" USING btree ("org_id",upper("code"));--> statement-breakpoint
CREATE UNIQUE INDEX "mail_outbox_dedupe" ON "mail_outbox" USING btree ("org_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "mail_outbox_pending" ON "mail_outbox" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "message_threads_booking" ON "message_threads" USING btree ("org_id","booking_id");--> statement-breakpoint
CREATE INDEX "messages_thread" ON "messages" USING btree ("org_id","thread_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "earnings_session" ON "earnings" USING btree ("org_id","session_id");--> statement-breakpoint
CREATE INDEX "earnings_staff" ON "earnings" USING btree ("org_id","staff_id","earned_at");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_key" ON "idempotency_keys" USING btree ("org_id","scope","key");--> statement-breakpoint
CREATE POLICY "api_keys: only rows of the current org" ON "api_keys" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "api_keys: who may read" ON "api_keys" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "api_keys: who may add" ON "api_keys" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "api_keys: who may change" ON "api_keys" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager')) WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "api_keys: who may remove" ON "api_keys" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() = 'owner');--> statement-breakpoint
CREATE POLICY "customers: only rows of the current org" ON "customers" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "customers: who may read" ON "customers" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and id = app_customer_id())) or ((app_role() = 'instructor' and exists (select 1 from program_bookings b where b.customer_id = customers.id))));--> statement-breakpoint
CREATE POLICY "customers: who may add" ON "customers" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "customers: who may change" ON "customers" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and id = app_customer_id()))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "customers: who may remove" ON "customers" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "locations: only rows of the current org" ON "locations" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "locations: who may read" ON "locations" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (true);--> statement-breakpoint
CREATE POLICY "locations: who may add" ON "locations" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "locations: who may change" ON "locations" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "locations: who may remove" ON "locations" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "org_domains: only rows of the current org" ON "org_domains" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "org_domains: who may read" ON "org_domains" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "org_domains: who may add" ON "org_domains" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "org_domains: who may change" ON "org_domains" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "org_domains: who may remove" ON "org_domains" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "orgs: only rows of the current org" ON "orgs" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (id = app_org_id()) WITH CHECK (id = app_org_id());--> statement-breakpoint
CREATE POLICY "orgs: who may read" ON "orgs" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (true);--> statement-breakpoint
CREATE POLICY "orgs: who may add" ON "orgs" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "orgs: who may change" ON "orgs" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager')) WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "orgs: who may remove" ON "orgs" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "resources: only rows of the current org" ON "resources" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "resources: who may read" ON "resources" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or (app_role() = 'anonymous') or (app_role() = 'customer'));--> statement-breakpoint
CREATE POLICY "resources: who may add" ON "resources" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "resources: who may change" ON "resources" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "resources: who may remove" ON "resources" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "staff: only rows of the current org" ON "staff" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "staff: who may read" ON "staff" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or ((app_role() in ('anonymous', 'customer') and is_active and role = 'instructor')));--> statement-breakpoint
CREATE POLICY "staff: who may add" ON "staff" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "staff: who may change" ON "staff" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager')) or ((app_role() = 'instructor' and id = app_user_id()))) WITH CHECK ((app_role() in ('owner', 'manager')) or ((app_role() = 'instructor' and id = app_user_id())));--> statement-breakpoint
CREATE POLICY "staff: who may remove" ON "staff" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() = 'owner');--> statement-breakpoint
CREATE POLICY "program_instructors: only rows of the current org" ON "program_instructors" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_instructors: who may read" ON "program_instructors" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or (program_id in (select id from programs)));--> statement-breakpoint
CREATE POLICY "program_instructors: who may add" ON "program_instructors" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_instructors: who may change" ON "program_instructors" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_instructors: who may remove" ON "program_instructors" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_intake_forms: only rows of the current org" ON "program_intake_forms" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_intake_forms: who may read" ON "program_intake_forms" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or (program_id in (select id from programs)));--> statement-breakpoint
CREATE POLICY "program_intake_forms: who may add" ON "program_intake_forms" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_intake_forms: who may change" ON "program_intake_forms" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_intake_forms: who may remove" ON "program_intake_forms" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_milestones: only rows of the current org" ON "program_milestones" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_milestones: who may read" ON "program_milestones" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or (program_id in (select id from programs)));--> statement-breakpoint
CREATE POLICY "program_milestones: who may add" ON "program_milestones" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_milestones: who may change" ON "program_milestones" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_milestones: who may remove" ON "program_milestones" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_variants: only rows of the current org" ON "program_variants" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_variants: who may read" ON "program_variants" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or (program_id in (select id from programs)));--> statement-breakpoint
CREATE POLICY "program_variants: who may add" ON "program_variants" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_variants: who may change" ON "program_variants" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_variants: who may remove" ON "program_variants" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "programs: only rows of the current org" ON "programs" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "programs: who may read" ON "programs" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system', 'instructor')) or ((app_role() = 'anonymous' and (is_active and (visibility = 'public' or (visibility = 'by_link' and private_link_token = app_link_token()))))) or ((app_role() = 'customer' and ((is_active and (visibility = 'public' or (visibility = 'by_link' and private_link_token = app_link_token()))) or exists (select 1 from program_bookings b where b.program_id = programs.id)))));--> statement-breakpoint
CREATE POLICY "programs: who may add" ON "programs" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "programs: who may change" ON "programs" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "programs: who may remove" ON "programs" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "availability_rules: only rows of the current org" ON "availability_rules" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "availability_rules: who may read" ON "availability_rules" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "availability_rules: who may add" ON "availability_rules" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "availability_rules: who may change" ON "availability_rules" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id()))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "availability_rules: who may remove" ON "availability_rules" AS PERMISSIVE FOR DELETE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "class_occurrences: only rows of the current org" ON "class_occurrences" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "class_occurrences: who may read" ON "class_occurrences" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system', 'instructor'));--> statement-breakpoint
CREATE POLICY "class_occurrences: who may add" ON "class_occurrences" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "class_occurrences: who may change" ON "class_occurrences" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "class_occurrences: who may remove" ON "class_occurrences" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "schedule_blocks: only rows of the current org" ON "schedule_blocks" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "schedule_blocks: who may read" ON "schedule_blocks" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "schedule_blocks: who may add" ON "schedule_blocks" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "schedule_blocks: who may change" ON "schedule_blocks" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id()))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "schedule_blocks: who may remove" ON "schedule_blocks" AS PERMISSIVE FOR DELETE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "program_bookings: only rows of the current org" ON "program_bookings" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_bookings: who may read" ON "program_bookings" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id())) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "program_bookings: who may add" ON "program_bookings" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "program_bookings: who may change" ON "program_bookings" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id()))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and instructor_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "program_bookings: who may remove" ON "program_bookings" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager'));--> statement-breakpoint
CREATE POLICY "program_progress: only rows of the current org" ON "program_progress" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_progress: who may read" ON "program_progress" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or (booking_id in (select id from program_bookings)));--> statement-breakpoint
CREATE POLICY "program_progress: who may add" ON "program_progress" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings))));--> statement-breakpoint
CREATE POLICY "program_progress: who may change" ON "program_progress" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings)))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings))));--> statement-breakpoint
CREATE POLICY "program_progress: who may remove" ON "program_progress" AS PERMISSIVE FOR DELETE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings))));--> statement-breakpoint
CREATE POLICY "program_sessions: only rows of the current org" ON "program_sessions" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "program_sessions: who may read" ON "program_sessions" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or (booking_id in (select id from program_bookings)));--> statement-breakpoint
CREATE POLICY "program_sessions: who may add" ON "program_sessions" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings))));--> statement-breakpoint
CREATE POLICY "program_sessions: who may change" ON "program_sessions" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings)))) WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and booking_id in (select id from program_bookings))));--> statement-breakpoint
CREATE POLICY "program_sessions: who may remove" ON "program_sessions" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "coupons: only rows of the current org" ON "coupons" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "coupons: who may read" ON "coupons" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "coupons: who may add" ON "coupons" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "coupons: who may change" ON "coupons" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "coupons: who may remove" ON "coupons" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "credit_ledger: only rows of the current org" ON "credit_ledger" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "credit_ledger: who may read" ON "credit_ledger" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "credit_ledger: who may add" ON "credit_ledger" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "credit_ledger: who may change" ON "credit_ledger" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (false) WITH CHECK (false);--> statement-breakpoint
CREATE POLICY "credit_ledger: who may remove" ON "credit_ledger" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "installments: only rows of the current org" ON "installments" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "installments: who may read" ON "installments" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "installments: who may add" ON "installments" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "installments: who may change" ON "installments" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "installments: who may remove" ON "installments" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "invoice_counters: only rows of the current org" ON "invoice_counters" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "invoice_counters: who may read" ON "invoice_counters" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "invoice_counters: who may add" ON "invoice_counters" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "invoice_counters: who may change" ON "invoice_counters" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "invoice_counters: who may remove" ON "invoice_counters" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "invoices: only rows of the current org" ON "invoices" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "invoices: who may read" ON "invoices" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "invoices: who may add" ON "invoices" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "invoices: who may change" ON "invoices" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "invoices: who may remove" ON "invoices" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "order_items: only rows of the current org" ON "order_items" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "order_items: who may read" ON "order_items" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "order_items: who may add" ON "order_items" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "order_items: who may change" ON "order_items" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "order_items: who may remove" ON "order_items" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "orders: only rows of the current org" ON "orders" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "orders: who may read" ON "orders" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "orders: who may add" ON "orders" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "orders: who may change" ON "orders" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "orders: who may remove" ON "orders" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payment_plans: only rows of the current org" ON "payment_plans" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "payment_plans: who may read" ON "payment_plans" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "payment_plans: who may add" ON "payment_plans" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payment_plans: who may change" ON "payment_plans" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payment_plans: who may remove" ON "payment_plans" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payments: only rows of the current org" ON "payments" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "payments: who may read" ON "payments" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "payments: who may add" ON "payments" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payments: who may change" ON "payments" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payments: who may remove" ON "payments" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "referral_codes: only rows of the current org" ON "referral_codes" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "referral_codes: who may read" ON "referral_codes" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and customer_id = app_customer_id())));--> statement-breakpoint
CREATE POLICY "referral_codes: who may add" ON "referral_codes" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "referral_codes: who may change" ON "referral_codes" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "referral_codes: who may remove" ON "referral_codes" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "refunds: only rows of the current org" ON "refunds" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "refunds: who may read" ON "refunds" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and order_id in (select id from orders))));--> statement-breakpoint
CREATE POLICY "refunds: who may add" ON "refunds" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "refunds: who may change" ON "refunds" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "refunds: who may remove" ON "refunds" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "mail_outbox: only rows of the current org" ON "mail_outbox" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "mail_outbox: who may read" ON "mail_outbox" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "mail_outbox: who may add" ON "mail_outbox" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "mail_outbox: who may change" ON "mail_outbox" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "mail_outbox: who may remove" ON "mail_outbox" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (false);--> statement-breakpoint
CREATE POLICY "message_threads: only rows of the current org" ON "message_threads" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "message_threads: who may read" ON "message_threads" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or (booking_id in (select id from program_bookings)));--> statement-breakpoint
CREATE POLICY "message_threads: who may add" ON "message_threads" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "message_threads: who may change" ON "message_threads" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "message_threads: who may remove" ON "message_threads" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "messages: only rows of the current org" ON "messages" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "messages: who may read" ON "messages" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or (thread_id in (select id from message_threads)));--> statement-breakpoint
CREATE POLICY "messages: who may add" ON "messages" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'customer' and thread_id in (select id from message_threads) and sender_kind = 'customer' and sender_id = app_customer_id())) or ((app_role() = 'instructor' and thread_id in (select id from message_threads) and sender_kind = 'staff' and sender_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "messages: who may change" ON "messages" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "messages: who may remove" ON "messages" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "earnings: only rows of the current org" ON "earnings" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "earnings: who may read" ON "earnings" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and staff_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "earnings: who may add" ON "earnings" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "earnings: who may change" ON "earnings" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "earnings: who may remove" ON "earnings" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payroll_rules: only rows of the current org" ON "payroll_rules" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "payroll_rules: who may read" ON "payroll_rules" AS PERMISSIVE FOR SELECT TO "tandem_app" USING ((app_role() in ('owner', 'manager', 'system')) or ((app_role() = 'instructor' and staff_id = app_user_id())));--> statement-breakpoint
CREATE POLICY "payroll_rules: who may add" ON "payroll_rules" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payroll_rules: who may change" ON "payroll_rules" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system')) WITH CHECK (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "payroll_rules: who may remove" ON "payroll_rules" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
CREATE POLICY "idempotency_keys: only rows of the current org" ON "idempotency_keys" AS RESTRICTIVE FOR ALL TO "tandem_app" USING (org_id = app_org_id()) WITH CHECK (org_id = app_org_id());--> statement-breakpoint
CREATE POLICY "idempotency_keys: who may read" ON "idempotency_keys" AS PERMISSIVE FOR SELECT TO "tandem_app" USING (key = app_idempotency_key());--> statement-breakpoint
CREATE POLICY "idempotency_keys: who may add" ON "idempotency_keys" AS PERMISSIVE FOR INSERT TO "tandem_app" WITH CHECK (key = app_idempotency_key());--> statement-breakpoint
CREATE POLICY "idempotency_keys: who may change" ON "idempotency_keys" AS PERMISSIVE FOR UPDATE TO "tandem_app" USING (key = app_idempotency_key()) WITH CHECK (key = app_idempotency_key());--> statement-breakpoint
CREATE POLICY "idempotency_keys: who may remove" ON "idempotency_keys" AS PERMISSIVE FOR DELETE TO "tandem_app" USING (app_role() = 'system');