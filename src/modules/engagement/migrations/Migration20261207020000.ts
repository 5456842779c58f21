import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/** The function as this migration creates it (a later migration replaces it, and restores it on the way down). */
export const CLAIM_DELIVERIES_20261207 = `CREATE OR REPLACE FUNCTION engagement_claim_deliveries(
  p_platform text, p_limit int, p_concurrency int, p_answered jsonb, p_ids jsonb, p_lease_ms bigint
) RETURNS SETOF engagement_delivery LANGUAGE plpgsql VOLATILE AS $fn$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('engagement_delivery:' || p_platform));
  RETURN QUERY EXECUTE $claim$
    WITH slots AS (
      SELECT CASE WHEN EXISTS (
          SELECT 1 FROM engagement_delivery WHERE deleted_at IS NULL AND platform = $1 AND status = 'pending' AND locked_until > now()
        ) THEN 0
        ELSE GREATEST(0, LEAST($2, $3 - (
          SELECT count(*) FROM engagement_delivery WHERE deleted_at IS NULL AND platform = $1 AND status = 'sending'
             AND locked_until >= now() AND id NOT IN (SELECT jsonb_array_elements_text($4))
        ))) END AS n
    ), due AS (
      SELECT id, next_attempt_at FROM engagement_delivery
       WHERE deleted_at IS NULL AND platform = $1 AND ($5 IS NULL OR id IN (SELECT jsonb_array_elements_text($5)))
         AND status = 'pending' AND next_attempt_at <= now()
       ORDER BY next_attempt_at LIMIT (SELECT n FROM slots)
       FOR UPDATE SKIP LOCKED
    ), abandoned AS (
      SELECT id, next_attempt_at FROM engagement_delivery
       WHERE deleted_at IS NULL AND platform = $1 AND ($5 IS NULL OR id IN (SELECT jsonb_array_elements_text($5)))
         AND status = 'sending' AND locked_until < now() AND attempts < max_attempts
       ORDER BY next_attempt_at LIMIT (SELECT n FROM slots)
       FOR UPDATE SKIP LOCKED
    ), taken AS (
      SELECT id FROM (SELECT * FROM due UNION ALL SELECT * FROM abandoned) candidates
       ORDER BY next_attempt_at LIMIT (SELECT n FROM slots)
    )
    UPDATE engagement_delivery d SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
      in_doubt = (d.in_doubt OR d.status = 'sending'),
      locked_until = now() + ($6 * interval '1 millisecond'), updated_at = now()
    WHERE d.id = ANY(ARRAY(SELECT id FROM taken))
    RETURNING d.*
  $claim$ USING p_platform, p_limit, p_concurrency, p_answered, p_ids, p_lease_ms;
END
$fn$;`

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
