CREATE INDEX "refunds_booking" ON "refunds" USING btree ("org_id","booking_id");--> statement-breakpoint
CREATE INDEX "earnings_booking_rows" ON "earnings" USING btree ("org_id","booking_id");