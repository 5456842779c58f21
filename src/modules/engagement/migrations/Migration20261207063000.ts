import { Migration } from "@medusajs/framework/mikro-orm/migrations"
import { CLAIM_DELIVERIES_20261207 } from "../outbox/claim-functions"

/**
 * The outbox's claim takes rows ahead of the free slots, so a slot that frees starts the next row
 * at once instead of waiting for a claim's round trip (src/modules/engagement/outbox/claim.ts
 * and pump.ts hold the rules). It replaces `engagement_claim_deliveries`.
 *
 * Arguments: the platform; at most `p_limit` rows; the platform's concurrency; `p_rounds`, how
 * many rows the caller may hold per slot left to it (1: only the free slots); `p_busy`, the rows
 * it holds not answered yet (in flight or waiting for a slot); `p_held`, the ids of every row it
 * holds (those and the answered ones whose outcome is being written); `p_ids`, the rows it may
 * take (null: any); the lease. It takes no more than the slots left to the caller (the
 * concurrency less other processes' calls) times `p_rounds`, less `p_busy`.
 *
 * It answers `claim_others`, the rows in flight in OTHER processes (`sending` under a live lease,
 * not held by the caller): the caller starts calls only while its own are fewer than the
 * concurrency less these. A row of the table's type per claimed row (`delivery`); when none was
 * claimed, one row with a null `delivery` that says why (`claim_paused`, `claim_due`).
 *
 * The platform's transaction-scoped advisory lock (the same key as before) makes the count and the
 * claim one step across processes: each statement of a VOLATILE function takes a fresh snapshot,
 * so the count after the lock sees every claim committed before it. The claim runs through EXECUTE
 * so that it is planned with its parameters each time.
 */
export class Migration20261207063000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`DROP FUNCTION IF EXISTS engagement_claim_deliveries(text, int, int, jsonb, jsonb, bigint);`)
    this.addSql(`CREATE OR REPLACE FUNCTION engagement_claim_deliveries_ahead(
  p_platform text, p_limit int, p_concurrency int, p_rounds int, p_busy int, p_held jsonb, p_ids jsonb,
  p_lease_ms bigint
) RETURNS TABLE (claim_others int, claim_paused boolean, claim_due boolean, delivery engagement_delivery)
LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
  v_others int;
  v_room int;
  v_paused boolean;
  v_count int;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('engagement_delivery:' || p_platform));
  SELECT count(*) INTO v_others FROM engagement_delivery e
   WHERE e.deleted_at IS NULL AND e.platform = p_platform AND e.status = 'sending' AND e.locked_until >= now()
     AND e.id NOT IN (SELECT jsonb_array_elements_text(p_held));
  SELECT EXISTS (SELECT 1 FROM engagement_delivery e
   WHERE e.deleted_at IS NULL AND e.platform = p_platform AND e.status = 'pending' AND e.locked_until > now())
  INTO v_paused;
  v_room := LEAST(p_limit, (p_concurrency - v_others) * p_rounds - p_busy);
  IF NOT v_paused AND v_room > 0 THEN
    RETURN QUERY EXECUTE $claim$
      WITH due AS (
        SELECT id, next_attempt_at FROM engagement_delivery
         WHERE deleted_at IS NULL AND platform = $1 AND ($4 IS NULL OR id IN (SELECT jsonb_array_elements_text($4)))
           AND status = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at LIMIT $2
         FOR UPDATE SKIP LOCKED
      ), abandoned AS (
        SELECT id, next_attempt_at FROM engagement_delivery
         WHERE deleted_at IS NULL AND platform = $1 AND ($4 IS NULL OR id IN (SELECT jsonb_array_elements_text($4)))
           AND status = 'sending' AND locked_until < now() AND attempts < max_attempts
         ORDER BY next_attempt_at LIMIT $2
         FOR UPDATE SKIP LOCKED
      ), taken AS (
        SELECT id FROM (SELECT * FROM due UNION ALL SELECT * FROM abandoned) candidates
         ORDER BY next_attempt_at LIMIT $2
      )
      UPDATE engagement_delivery d SET status = 'sending', attempts = d.attempts + 1, last_attempt_at = now(),
        in_doubt = (d.in_doubt OR d.status = 'sending'),
        locked_until = now() + ($5 * interval '1 millisecond'), updated_at = now()
      WHERE d.id = ANY(ARRAY(SELECT id FROM taken))
      RETURNING $3, false, true, d
    $claim$ USING p_platform, v_room, v_others, p_ids, p_lease_ms;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    IF v_count > 0 THEN
      RETURN;
    END IF;
  END IF;
  RETURN QUERY SELECT v_others, v_paused, EXISTS (SELECT 1 FROM engagement_delivery e
     WHERE e.deleted_at IS NULL AND e.platform = p_platform
       AND (p_ids IS NULL OR e.id IN (SELECT jsonb_array_elements_text(p_ids)))
       AND ((e.status = 'pending' AND e.next_attempt_at <= now())
         OR (e.status = 'sending' AND e.locked_until < now() AND e.attempts < e.max_attempts))),
    NULL::engagement_delivery;
END
$fn$;`)
  }

  override async down(): Promise<void> {
    this.addSql(
      `DROP FUNCTION IF EXISTS engagement_claim_deliveries_ahead(text, int, int, int, int, jsonb, jsonb, bigint);`
    )
    this.addSql(CLAIM_DELIVERIES_20261207)
  }
}
