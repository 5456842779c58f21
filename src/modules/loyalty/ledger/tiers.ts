export interface TierDefinition {
  id: string
  name: string
  /** points collected (in the window, or lifetime) to reach the tier */
  threshold: number
  /** earning multiplier while in the tier */
  multiplier: number
  color?: string
}

/** The highest tier whose threshold the points reach, or null below the lowest. */
export function tierFor(points: number, tiers: readonly TierDefinition[]): TierDefinition | null {
  let best: TierDefinition | null = null
  for (const tier of tiers) {
    if (points >= tier.threshold && (!best || tier.threshold > best.threshold)) {
      best = tier
    }
  }
  return best
}

/** The next tier above the points, with the points still needed, or null at the top. */
export function nextTier(
  points: number,
  tiers: readonly TierDefinition[]
): { tier: TierDefinition; points_needed: number } | null {
  const above = tiers.filter((tier) => tier.threshold > points).sort((a, b) => a.threshold - b.threshold)[0]
  return above ? { tier: above, points_needed: above.threshold - points } : null
}
