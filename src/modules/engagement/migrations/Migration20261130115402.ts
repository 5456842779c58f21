import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * A date of birth is a calendar day, not an instant: it becomes YYYY-MM-DD text. Existing values
 * were written as that day's midnight UTC, so their UTC day is the day that was sent (a plain
 * ::text cast would follow the session's time zone and could move it).
 */
export class Migration20261130115402 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_contact_profile" alter column "date_of_birth" type text using (to_char("date_of_birth" at time zone 'UTC', 'YYYY-MM-DD'));`
    )
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table if exists "engagement_contact_profile" alter column "date_of_birth" type timestamptz using (("date_of_birth" || 'T00:00:00Z')::timestamptz);`
    )
  }
}
