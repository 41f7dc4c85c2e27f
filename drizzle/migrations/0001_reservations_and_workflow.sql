CREATE TYPE "inventory"."reservation_status" AS ENUM('ACTIVE', 'RELEASED', 'SHIPPED');--> statement-breakpoint
CREATE TYPE "orders"."rule_outcome" AS ENUM('RISK_REVIEW', 'ON_HOLD', 'AUTO_RELEASE');--> statement-breakpoint
CREATE TYPE "orders"."shortage_policy" AS ENUM('BACKORDER', 'REFUSE');--> statement-breakpoint
CREATE TYPE "orders"."stock_request_kind" AS ENUM('RESERVE', 'RELEASE', 'SHIP');--> statement-breakpoint
CREATE TYPE "orders"."stock_request_status" AS ENUM('PENDING', 'DONE');--> statement-breakpoint
CREATE TABLE "inventory"."channel_sourcing" (
	"channel_code" text NOT NULL,
	"location_id" text NOT NULL,
	"rank" integer NOT NULL,
	CONSTRAINT "channel_sourcing_channel_code_location_id_pk" PRIMARY KEY("channel_code","location_id")
);
--> statement-breakpoint
CREATE TABLE "inventory"."reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_line_id" text NOT NULL,
	"product_id" text NOT NULL,
	"location_id" text NOT NULL,
	"channel_code" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" "inventory"."reservation_status" DEFAULT 'ACTIVE' NOT NULL,
	"request_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "reservations_quantity_positive" CHECK ("inventory"."reservations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "orders"."decision_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"rank" integer NOT NULL,
	"outcome" "orders"."rule_outcome" NOT NULL,
	"exception_cause" text,
	"conditions" jsonb NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."exception_causes" (
	"cause" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"sla_minutes" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."channel_prices" (
	"channel_code" text NOT NULL,
	"product_id" text NOT NULL,
	"price_minor" bigint NOT NULL,
	CONSTRAINT "channel_prices_channel_code_product_id_pk" PRIMARY KEY("channel_code","product_id")
);
--> statement-breakpoint
CREATE TABLE "orders"."channels" (
	"code" text PRIMARY KEY NOT NULL,
	"channel_id" text NOT NULL,
	"name" text NOT NULL,
	"priority" integer NOT NULL,
	"currency" char(3) NOT NULL,
	"on_shortage" "orders"."shortage_policy" DEFAULT 'BACKORDER' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."products" (
	"product_id" text PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"currency" char(3) NOT NULL,
	"price_minor" bigint NOT NULL,
	CONSTRAINT "products_sku_unique" UNIQUE("sku")
);
--> statement-breakpoint
CREATE TABLE "orders"."consumer_cursors" (
	"consumer" text PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."stock_arrivals" (
	"product_id" text PRIMARY KEY NOT NULL,
	"noticed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."stock_requests" (
	"key" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"kind" "orders"."stock_request_kind" NOT NULL,
	"request_hash" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "orders"."stock_request_status" DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inventory"."channel_rules" ADD COLUMN "allow_split" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "inventory"."movements" ADD COLUMN "reservation_id" text;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD COLUMN "resolved_by" text;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD COLUMN "resolution" text;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD COLUMN "breached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD COLUMN "source_exception_id" text;--> statement-breakpoint
ALTER TABLE "orders"."orders" ADD COLUMN "risk_signals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "orders"."order_transitions" ADD COLUMN "rule" text;--> statement-breakpoint
ALTER TABLE "inventory"."channel_sourcing" ADD CONSTRAINT "channel_sourcing_channel_code_channel_rules_channel_code_fk" FOREIGN KEY ("channel_code") REFERENCES "inventory"."channel_rules"("channel_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."channel_sourcing" ADD CONSTRAINT "channel_sourcing_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "inventory"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."reservations" ADD CONSTRAINT "reservations_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "inventory"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservations_order_idx" ON "inventory"."reservations" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "reservations_request_idx" ON "inventory"."reservations" USING btree ("request_key");--> statement-breakpoint
CREATE INDEX "reservations_position_idx" ON "inventory"."reservations" USING btree ("product_id","location_id","status");--> statement-breakpoint
CREATE INDEX "stock_requests_pending_idx" ON "orders"."stock_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "stock_requests_order_idx" ON "orders"."stock_requests" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_exceptions_due_idx" ON "orders"."order_exceptions" USING btree ("status","sla_due_at");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders"."orders" USING btree ("customer_email");