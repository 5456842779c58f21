import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130160500 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_order_total" drop constraint if exists "engagement_order_total_customer_id_currency_code_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_order_total" ("id" text not null, "customer_id" text not null, "currency_code" text not null, "order_count" integer not null default 0, "total" numeric not null, "item_count" integer not null default 0, "returned_count" integer not null default 0, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_order_total_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_order_total_deleted_at" ON "engagement_order_total" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_order_total_customer_id_currency_code_unique" ON "engagement_order_total" ("customer_id", "currency_code") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_platform_status_next_attempt_at" ON "engagement_delivery" ("platform", "status", "next_attempt_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_created_at_id" ON "engagement_delivery" ("created_at", "id") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_delivery_platform_locked_until" ON "engagement_delivery" ("platform", "locked_until") WHERE status = 'pending' AND locked_until IS NOT NULL AND deleted_at IS NULL;`
    )
    // a write-heavy queue: every delivery is updated twice, so dead rows pile up fast; vacuum and
    // analyze it after a small share of changes, not the default 20 % of the table
    this.addSql(
      `ALTER TABLE "engagement_delivery" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.02, autovacuum_vacuum_cost_delay = 0);`
    )

    // the running totals of the facts already recorded; from now on each fact written adds its change
    this
      .addSql(`INSERT INTO "engagement_order_total" ("id", "customer_id", "currency_code", "order_count", "total", "raw_total", "item_count", "returned_count")
      SELECT 'engot_' || md5("customer_id" || ':' || "currency_code"), "customer_id", "currency_code",
             count(*) FILTER (WHERE "canceled_at" IS NULL),
             COALESCE(sum("total") FILTER (WHERE "canceled_at" IS NULL), 0),
             jsonb_build_object('value', COALESCE(sum("total") FILTER (WHERE "canceled_at" IS NULL), 0)::text, 'precision', 20),
             COALESCE(sum("item_count") FILTER (WHERE "canceled_at" IS NULL), 0),
             COALESCE(sum("returned_count"), 0)
        FROM "engagement_order_fact" WHERE "deleted_at" IS NULL
       GROUP BY "customer_id", "currency_code"
      ON CONFLICT DO NOTHING;`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `ALTER TABLE "engagement_delivery" RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor, autovacuum_vacuum_cost_delay);`
    )
    this.addSql(`drop table if exists "engagement_order_total" cascade;`)

    this.addSql(`drop index if exists "IDX_engagement_delivery_platform_status_next_attempt_at";`)
    this.addSql(`drop index if exists "IDX_engagement_delivery_created_at_id";`)
    this.addSql(`drop index if exists "IDX_engagement_delivery_platform_locked_until";`)
  }
}
