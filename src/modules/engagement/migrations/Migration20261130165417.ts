import { Migration } from "@medusajs/framework/mikro-orm/migrations"

export class Migration20261130165417 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_delivery" drop constraint if exists "engagement_delivery_status_check";`
    )

    this.addSql(`alter table if exists "engagement_delivery" add column if not exists "dry_run_request" jsonb null;`)
    this.addSql(
      `alter table if exists "engagement_delivery" add constraint "engagement_delivery_status_check" check("status" in ('pending', 'sending', 'delivered', 'failed', 'dead', 'canceled', 'dry_run'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_delivery" drop constraint if exists "engagement_delivery_status_check";`
    )

    this.addSql(`alter table if exists "engagement_delivery" drop column if exists "dry_run_request";`)
    // a dry run's row was never sent: without its status it is a canceled one
    this.addSql(`update "engagement_delivery" set "status" = 'canceled' where "status" = 'dry_run';`)

    this.addSql(
      `alter table if exists "engagement_delivery" add constraint "engagement_delivery_status_check" check("status" in ('pending', 'sending', 'delivered', 'failed', 'dead', 'canceled'));`
    )
  }
}
