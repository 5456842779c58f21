import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261123012040 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_order_fact" drop constraint if exists "engagement_order_fact_order_id_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_order_fact" ("id" text not null, "order_id" text not null, "customer_id" text not null, "currency_code" text not null, "total" numeric not null, "item_count" integer not null, "placed_at" timestamptz not null, "canceled_at" timestamptz null, "returned_count" integer not null default 0, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_order_fact_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_order_fact_deleted_at" ON "engagement_order_fact" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_order_fact_order_id_unique" ON "engagement_order_fact" ("order_id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_order_fact_customer_id_placed_at" ON "engagement_order_fact" ("customer_id", "placed_at") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "engagement_contact_profile" add column if not exists "date_of_birth" timestamptz null, add column if not exists "gender" text check ("gender" in ('Male', 'Female', 'NotSpecified')) null, add column if not exists "total_spent" numeric not null default 0, add column if not exists "order_count" integer not null default 0, add column if not exists "return_count" integer not null default 0, add column if not exists "average_order_value" numeric not null default 0, add column if not exists "average_price_point" numeric not null default 0, add column if not exists "first_order_at" timestamptz null, add column if not exists "last_order_at" timestamptz null, add column if not exists "average_days_between_orders" real null, add column if not exists "currency_code" text null, add column if not exists "rfm_segment" text null, add column if not exists "raw_total_spent" jsonb not null default '{"value":"0","precision":20}', add column if not exists "raw_average_order_value" jsonb not null default '{"value":"0","precision":20}', add column if not exists "raw_average_price_point" jsonb not null default '{"value":"0","precision":20}';`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_order_fact" cascade;`)

    this.addSql(
      `alter table if exists "engagement_contact_profile" drop column if exists "date_of_birth", drop column if exists "gender", drop column if exists "total_spent", drop column if exists "order_count", drop column if exists "return_count", drop column if exists "average_order_value", drop column if exists "average_price_point", drop column if exists "first_order_at", drop column if exists "last_order_at", drop column if exists "average_days_between_orders", drop column if exists "currency_code", drop column if exists "rfm_segment", drop column if exists "raw_total_spent", drop column if exists "raw_average_order_value", drop column if exists "raw_average_price_point";`
    )
  }
}
