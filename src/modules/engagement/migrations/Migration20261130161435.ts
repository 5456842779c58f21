import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130161435 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table if not exists "engagement_erasure" ("id" text not null, "subject_hash" text not null, "actor_type" text not null, "actor_id" text not null, "kinds" jsonb not null, "platforms" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "engagement_erasure_pkey" primary key ("id"));`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_erasure_deleted_at" ON "engagement_erasure" ("deleted_at") WHERE deleted_at IS NULL;`
    )
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_engagement_erasure_subject_hash" ON "engagement_erasure" ("subject_hash") WHERE deleted_at IS NULL;`
    )

    this.addSql(
      `alter table if exists "engagement_delivery" drop constraint if exists "engagement_delivery_status_check";`
    )

    this.addSql(
      `alter table if exists "engagement_delivery" add constraint "engagement_delivery_status_check" check("status" in ('pending', 'sending', 'delivered', 'failed', 'dead', 'canceled'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "engagement_erasure" cascade;`)

    this.addSql(
      `alter table if exists "engagement_delivery" drop constraint if exists "engagement_delivery_status_check";`
    )

    this.addSql(
      `alter table if exists "engagement_delivery" add constraint "engagement_delivery_status_check" check("status" in ('pending', 'sending', 'delivered', 'failed', 'dead'));`
    )
  }
}
