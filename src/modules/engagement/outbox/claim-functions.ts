/**
 * `engagement_claim_deliveries` as migration 20261207020000 created it: migration 20261207063000
 * replaces it and creates it again on the way down. (Kept outside the migrations folder, whose
 * every export is taken for a migration.)
 */
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
