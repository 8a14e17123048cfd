ALTER TABLE "program_bookings" ADD COLUMN "funnel_visit" text;--> statement-breakpoint
ALTER TABLE "program_bookings" ADD CONSTRAINT "program_bookings_funnel_visit" CHECK ("program_bookings"."funnel_visit" ~ '^[A-Za-z0-9-]{8,64}$');--> statement-breakpoint
ALTER POLICY "funnel_events: who may read" ON "funnel_events" TO tandem_app USING (app_role() in ('owner', 'manager', 'system'));--> statement-breakpoint
ALTER POLICY "funnel_events: who may add" ON "funnel_events" TO tandem_app WITH CHECK (((app_role() = 'anonymous' and program_id in (select id from programs))) or (app_role() = 'system'));