import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130153028 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "engagement_order_total" drop constraint if exists "engagement_order_total_customer_id_currency_code_unique";`);
    this.addSql(`create table if not exists "engagement_order_total" ("id" text not null, "customer_id" text not null, "currency_code" text not null, "order_count" integer not null default 0, "total" numeric not null, "item_count" integer not null default 0, "returned_count" integer not null default 0, "raw_total" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_order_total_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_engagement_order_total_deleted_at" ON "engagement_order_total" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_order_total_customer_id_currency_code_unique" ON "engagement_order_total" ("customer_id", "currency_code") WHERE deleted_at IS NULL;`);
    // the running totals of the facts already recorded; from now on each fact written adds its change
    this.addSql(`INSERT INTO "engagement_order_total" ("id", "customer_id", "currency_code", "order_count", "total", "raw_total", "item_count", "returned_count")
      SELECT 'engot_' || md5("customer_id" || ':' || "currency_code"), "customer_id", "currency_code",
             count(*) FILTER (WHERE "canceled_at" IS NULL),
             COALESCE(sum("total") FILTER (WHERE "canceled_at" IS NULL), 0),
             jsonb_build_object('value', COALESCE(sum("total") FILTER (WHERE "canceled_at" IS NULL), 0)::text, 'precision', 20),
             COALESCE(sum("item_count") FILTER (WHERE "canceled_at" IS NULL), 0),
             COALESCE(sum("returned_count"), 0)
        FROM "engagement_order_fact" WHERE "deleted_at" IS NULL
       GROUP BY "customer_id", "currency_code"
      ON CONFLICT DO NOTHING;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_order_total" cascade;`);
  }

}
