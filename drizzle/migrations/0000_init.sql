CREATE SCHEMA "catalog";
--> statement-breakpoint
CREATE SCHEMA "inventory";
--> statement-breakpoint
CREATE SCHEMA "orders";
--> statement-breakpoint
CREATE SCHEMA "returns";
--> statement-breakpoint
CREATE SCHEMA "finance";
--> statement-breakpoint
CREATE TYPE "catalog"."channel_kind" AS ENUM('DTC', 'MARKETPLACE', 'WHOLESALE');--> statement-breakpoint
CREATE TYPE "inventory"."location_kind" AS ENUM('WAREHOUSE', 'STORE', 'THIRD_PARTY');--> statement-breakpoint
CREATE TYPE "inventory"."movement_type" AS ENUM('RECEIPT', 'ADJUSTMENT', 'TRANSFER_OUT', 'TRANSFER_IN_TRANSIT', 'TRANSFER_IN', 'RESERVATION', 'RELEASE', 'SHIPMENT', 'RETURN_RECEIPT', 'DISPOSITION');--> statement-breakpoint
CREATE TYPE "inventory"."transfer_status" AS ENUM('IN_TRANSIT', 'RECEIVED');--> statement-breakpoint
CREATE TYPE "orders"."exception_status" AS ENUM('OPEN', 'IN_PROGRESS', 'RESOLVED');--> statement-breakpoint
CREATE TYPE "orders"."order_status" AS ENUM('CAPTURED', 'RISK_REVIEW', 'ALLOCATED', 'BACKORDERED', 'ON_HOLD', 'RELEASED', 'PICKED', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "returns"."disposition" AS ENUM('RESTOCK', 'REFURBISH', 'LIQUIDATE', 'SCRAP', 'RETURN_TO_VENDOR');--> statement-breakpoint
CREATE TYPE "returns"."refund_status" AS ENUM('PENDING', 'APPROVED', 'PAID');--> statement-breakpoint
CREATE TYPE "returns"."return_status" AS ENUM('REQUESTED', 'RECEIVED', 'INSPECTED', 'REFUNDED', 'CLOSED', 'REJECTED');--> statement-breakpoint
CREATE TYPE "finance"."account_type" AS ENUM('ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE');--> statement-breakpoint
CREATE TABLE "catalog"."events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog"."channel_prices" (
	"channel_id" text NOT NULL,
	"product_id" text NOT NULL,
	"price_minor" bigint NOT NULL,
	CONSTRAINT "channel_prices_channel_id_product_id_pk" PRIMARY KEY("channel_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "catalog"."channels" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "catalog"."channel_kind" NOT NULL,
	"priority" integer NOT NULL,
	"currency" char(3) NOT NULL,
	CONSTRAINT "channels_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "catalog"."products" (
	"id" text PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"unit_of_measure" text DEFAULT 'EA' NOT NULL,
	"currency" char(3) NOT NULL,
	"price_minor" bigint NOT NULL,
	"unit_cost_minor" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "products_sku_unique" UNIQUE("sku")
);
--> statement-breakpoint
CREATE TABLE "inventory"."channel_product_safety_stock" (
	"channel_code" text NOT NULL,
	"product_id" text NOT NULL,
	"safety_stock" integer NOT NULL,
	CONSTRAINT "channel_product_safety_stock_channel_code_product_id_pk" PRIMARY KEY("channel_code","product_id")
);
--> statement-breakpoint
CREATE TABLE "inventory"."channel_rules" (
	"channel_code" text PRIMARY KEY NOT NULL,
	"safety_stock" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."consumer_cursors" (
	"consumer" text PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."items" (
	"product_id" text PRIMARY KEY NOT NULL,
	"sku" text NOT NULL,
	CONSTRAINT "items_sku_unique" UNIQUE("sku")
);
--> statement-breakpoint
CREATE TABLE "inventory"."locations" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" "inventory"."location_kind" NOT NULL,
	CONSTRAINT "locations_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "inventory"."movements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"location_id" text NOT NULL,
	"type" "inventory"."movement_type" NOT NULL,
	"quantity" integer NOT NULL,
	"on_hand_delta" integer DEFAULT 0 NOT NULL,
	"reserved_delta" integer DEFAULT 0 NOT NULL,
	"in_transit_delta" integer DEFAULT 0 NOT NULL,
	"quality_hold_delta" integer DEFAULT 0 NOT NULL,
	"damaged_delta" integer DEFAULT 0 NOT NULL,
	"return_pending_delta" integer DEFAULT 0 NOT NULL,
	"reason" text,
	"reference" text,
	"transfer_id" text,
	"actor" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inventory"."positions" (
	"product_id" text NOT NULL,
	"location_id" text NOT NULL,
	"on_hand" integer DEFAULT 0 NOT NULL,
	"reserved" integer DEFAULT 0 NOT NULL,
	"in_transit" integer DEFAULT 0 NOT NULL,
	"quality_hold" integer DEFAULT 0 NOT NULL,
	"damaged" integer DEFAULT 0 NOT NULL,
	"return_pending" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "positions_product_id_location_id_pk" PRIMARY KEY("product_id","location_id"),
	CONSTRAINT "positions_reserved_within_on_hand" CHECK ("inventory"."positions"."reserved" >= 0 AND "inventory"."positions"."reserved" <= "inventory"."positions"."on_hand"),
	CONSTRAINT "positions_non_negative" CHECK ("inventory"."positions"."in_transit" >= 0 AND "inventory"."positions"."quality_hold" >= 0 AND "inventory"."positions"."damaged" >= 0 AND "inventory"."positions"."return_pending" >= 0)
);
--> statement-breakpoint
CREATE TABLE "inventory"."transfers" (
	"id" text PRIMARY KEY NOT NULL,
	"product_id" text NOT NULL,
	"from_location_id" text NOT NULL,
	"to_location_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" "inventory"."transfer_status" DEFAULT 'IN_TRANSIT' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"received_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "orders"."allocations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_line_id" text NOT NULL,
	"location_id" text NOT NULL,
	"quantity" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."order_exceptions" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"cause" text NOT NULL,
	"status" "orders"."exception_status" NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sla_due_at" timestamp with time zone NOT NULL,
	"assignee" text
);
--> statement-breakpoint
CREATE TABLE "orders"."orders" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"channel_code" text NOT NULL,
	"status" "orders"."order_status" NOT NULL,
	"customer_email" text NOT NULL,
	"customer_name" text NOT NULL,
	"ship_to" jsonb NOT NULL,
	"currency" char(3) NOT NULL,
	"total_minor" bigint NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_number_unique" UNIQUE("number"),
	CONSTRAINT "orders_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "orders"."order_lines" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"line_no" integer NOT NULL,
	"product_id" text NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price_minor" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."order_transitions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"from_status" "orders"."order_status",
	"to_status" "orders"."order_status" NOT NULL,
	"actor" text NOT NULL,
	"reason" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders"."shipments" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"carrier" text NOT NULL,
	"tracking_number" text NOT NULL,
	"shipped_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns"."refunds" (
	"id" text PRIMARY KEY NOT NULL,
	"return_id" text NOT NULL,
	"currency" char(3) NOT NULL,
	"amount_minor" bigint NOT NULL,
	"status" "returns"."refund_status" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_return_id_unique" UNIQUE("return_id")
);
--> statement-breakpoint
CREATE TABLE "returns"."returns" (
	"id" text PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"order_id" text NOT NULL,
	"status" "returns"."return_status" NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "returns_number_unique" UNIQUE("number"),
	CONSTRAINT "returns_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "returns"."return_lines" (
	"return_id" text NOT NULL,
	"order_line_id" text NOT NULL,
	"quantity" integer NOT NULL,
	"reason" text NOT NULL,
	"disposition" "returns"."disposition",
	CONSTRAINT "return_lines_return_id_order_line_id_pk" PRIMARY KEY("return_id","order_line_id")
);
--> statement-breakpoint
CREATE TABLE "returns"."events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "returns"."idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance"."accounts" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"type" "finance"."account_type" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance"."consumer_cursors" (
	"consumer" text PRIMARY KEY NOT NULL,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance"."events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance"."journal_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"description" text NOT NULL,
	"source_type" text NOT NULL,
	"source_id" text,
	"posted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finance"."journal_lines" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" text NOT NULL,
	"account_code" text NOT NULL,
	"currency" char(3) NOT NULL,
	"debit_minor" bigint DEFAULT 0 NOT NULL,
	"credit_minor" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "journal_lines_one_side" CHECK ("finance"."journal_lines"."debit_minor" >= 0 AND "finance"."journal_lines"."credit_minor" >= 0 AND ("finance"."journal_lines"."debit_minor" = 0) <> ("finance"."journal_lines"."credit_minor" = 0))
);
--> statement-breakpoint
ALTER TABLE "catalog"."channel_prices" ADD CONSTRAINT "channel_prices_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "catalog"."channels"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog"."channel_prices" ADD CONSTRAINT "channel_prices_product_id_products_id_fk" FOREIGN KEY ("product_id") REFERENCES "catalog"."products"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."channel_product_safety_stock" ADD CONSTRAINT "channel_product_safety_stock_channel_code_channel_rules_channel_code_fk" FOREIGN KEY ("channel_code") REFERENCES "inventory"."channel_rules"("channel_code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."movements" ADD CONSTRAINT "movements_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "inventory"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."positions" ADD CONSTRAINT "positions_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "inventory"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."transfers" ADD CONSTRAINT "transfers_from_location_id_locations_id_fk" FOREIGN KEY ("from_location_id") REFERENCES "inventory"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inventory"."transfers" ADD CONSTRAINT "transfers_to_location_id_locations_id_fk" FOREIGN KEY ("to_location_id") REFERENCES "inventory"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."allocations" ADD CONSTRAINT "allocations_order_line_id_order_lines_id_fk" FOREIGN KEY ("order_line_id") REFERENCES "orders"."order_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_exceptions" ADD CONSTRAINT "order_exceptions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_lines" ADD CONSTRAINT "order_lines_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."order_transitions" ADD CONSTRAINT "order_transitions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders"."shipments" ADD CONSTRAINT "shipments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "orders"."orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns"."refunds" ADD CONSTRAINT "refunds_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "returns"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "returns"."return_lines" ADD CONSTRAINT "return_lines_return_id_returns_id_fk" FOREIGN KEY ("return_id") REFERENCES "returns"."returns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "finance"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finance"."journal_lines" ADD CONSTRAINT "journal_lines_account_code_accounts_code_fk" FOREIGN KEY ("account_code") REFERENCES "finance"."accounts"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_entity_type_entity_id_seq_index" ON "catalog"."events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "products_name_idx" ON "catalog"."products" USING btree ("name");--> statement-breakpoint
CREATE INDEX "events_entity_type_entity_id_seq_index" ON "inventory"."events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "movements_product_location_idx" ON "inventory"."movements" USING btree ("product_id","location_id","id");--> statement-breakpoint
CREATE INDEX "positions_location_idx" ON "inventory"."positions" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "allocations_line_idx" ON "orders"."allocations" USING btree ("order_line_id");--> statement-breakpoint
CREATE INDEX "order_exceptions_order_idx" ON "orders"."order_exceptions" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_exceptions_status_idx" ON "orders"."order_exceptions" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "orders_status_created_idx" ON "orders"."orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orders_channel_idx" ON "orders"."orders" USING btree ("channel_code");--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "orders"."order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "order_transitions_order_idx" ON "orders"."order_transitions" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "events_entity_type_entity_id_seq_index" ON "orders"."events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "shipments_order_idx" ON "orders"."shipments" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "returns_order_idx" ON "returns"."returns" USING btree ("order_id");--> statement-breakpoint
CREATE INDEX "events_entity_type_entity_id_seq_index" ON "returns"."events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "events_entity_type_entity_id_seq_index" ON "finance"."events" USING btree ("entity_type","entity_id","seq");--> statement-breakpoint
CREATE INDEX "journal_entries_source_idx" ON "finance"."journal_entries" USING btree ("source_type","source_id");--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "finance"."journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_account_idx" ON "finance"."journal_lines" USING btree ("account_code");