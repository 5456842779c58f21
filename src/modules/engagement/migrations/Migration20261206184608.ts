import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261206184608 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_setting_version" drop constraint if exists "engagement_setting_version_area_version_unique";`
    )
    this.addSql(
      `create table if not exists "engagement_setting_version" ("id" text not null, "area" text not null, "version" integer not null, "values" jsonb null, "actor_type" text not null, "actor_id" text not null, "restored_from" integer null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_setting_version_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_setting_version_deleted_at" ON "engagement_setting_version" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_engagement_setting_version_area_version_unique" ON "engagement_setting_version" ("area", "version") WHERE deleted_at IS NULL;`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_setting_version" cascade;`)
  }
}
