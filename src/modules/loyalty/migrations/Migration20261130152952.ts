import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130152952 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "loyalty_preference" drop constraint if exists "loyalty_preference_customer_id_unique";`
    )
    this.addSql(
      `create table if not exists "loyalty_preference" ("id" text not null, "customer_id" text not null, "auto_spend_enabled" boolean not null default false, "auto_spend_minimum_points" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "loyalty_preference_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_loyalty_preference_deleted_at" ON "loyalty_preference" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_loyalty_preference_customer_id_unique" ON "loyalty_preference" ("customer_id") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "loyalty_preference" cascade;`)
  }
}
