CREATE TYPE "public"."cancellation_reason" AS ENUM('hold_expired', 'staff', 'customer');--> statement-breakpoint
ALTER TABLE "program_bookings" ADD COLUMN "cancellation_reason" "cancellation_reason";