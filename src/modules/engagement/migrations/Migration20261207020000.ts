import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { CLAIM_DELIVERIES_20261207 } from "../outbox/claim-functions"

/**
 * The outbox's claim as one statement (one round trip instead of four: BEGIN, the platform's lock,
 * the claim, COMMIT), so a claim is short enough to run beside the calls without the platform's
 * slots waiting for it. Rules and comments: src/modules/engagement/outbox/claim.ts, which calls it.
 *
 * The lock is the one claim.ts took before (same key): a function's statements each take a fresh
 * snapshot (it is VOLATILE), so the claim after the lock sees every claim committed before it,
 * and the lock holds until the calling statement's transaction commits the rows it claimed. The
 * claim runs through EXECUTE so that it is planned with its parameters each time, as before.
 */
export class Migration20261207020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(CLAIM_DELIVERIES_20261207)
  }

  override async down(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS engagement_claim_deliveries(text, int, int, jsonb, jsonb, bigint);`)
  }
}
