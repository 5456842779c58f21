import {
  toBalances,
  toPrimaryAccountId,
  toRewards,
  toRewardSchemes,
  toSummary,
  toWalletId,
  UnexpectedCrmComAnswer,
} from "./loyalty-source"

// CRM.COM's documented examples (Self-Service API: accounts, rewards, financials, wallet balances, reward schemes)
const REWARDS = {
  id: "CAD1E31269B76D7A65ACCE45B2E68DFD",
  currency_code: "EUR",
  spending_blocked_status: "true",
  reward_tier: {
    id: "",
    name: "Red",
    achieved_date: 1,
    period_value_units: 2000,
    lifetime_value_units: 12543,
    maintain_tier: { points_needed: 200, collected_by: "15678943" },
    progress: { points_needed: "1400", collected_by: "15678943", id: "guid", name: "Gold" },
  },
  joined_reward_schemes: [
    { id: "S1", name: "CRMdotCOM Scheme", signed_up_on: 1583846865, email_address: "johndoe@crm.com" },
  ],
  rewards: { total_awards: "123.23", total_spends: "43.56" },
}

describe("CRM.COM as the loyalty source: answers mapped to the store's summary", () => {
  it("reads the primary account from the nested accounts list, and the first wallet", () => {
    expect(
      toPrimaryAccountId({
        content: [
          {
            accounts: [
              { id: "A2", is_primary: false },
              { id: "A1", is_primary: true },
            ],
          },
        ],
      })
    ).toBe("A1")
    expect(toPrimaryAccountId({ content: [] })).toBeNull()
    expect(toWalletId({ wallet: [{ id: "W1", balance: 150.5 }] })).toBe("W1")
    expect(toWalletId({})).toBeNull()
  })

  it("maps the rewards and balances, showing money as points at the store's rate", () => {
    const balances = toBalances({
      content: [
        {
          amount: 100.5,
          expiration: { zero_to_thirty: 50.5, thirty_to_sixty: 50, sixty_to_ninety: 0, ninety_plus: 0 },
        },
        { amount: 1 },
      ],
    })
    expect(balances).toEqual({ amount: 101.5, expiring: [50.5, 50, 0, 0] })
    const summary = toSummary(toRewards(REWARDS), balances, 100)
    expect(summary).toMatchObject({
      balance: 10150,
      total_earned: 12323,
      total_redeemed: 4356,
      lifetime_points: 12543,
      period_points: 2000,
      spending_blocked: true,
      tier: { id: "Red", name: "Red", points_to_retain: 200, next: { id: "guid", name: "Gold", points_needed: 1400 } },
    })
    expect(summary.expiring.map((bucket) => bucket.points)).toEqual([5050, 5000, 0, 0])
    expect(toRewards(REWARDS).joined).toEqual([
      { id: "S1", name: "CRMdotCOM Scheme", email: "johndoe@crm.com", joined_at: "2020-03-10T13:27:45.000Z" },
    ])
  })

  it("maps the reward schemes list, and refuses an answer that is not CRM.COM's shape", () => {
    expect(
      toRewardSchemes({
        content: [
          { id: "S", name: "Loyalty Scheme", description: "Lorem", sign_up_option: "SELF_SIGN_UP", is_joined: "false" },
        ],
      })
    ).toEqual([
      {
        id: "S",
        name: "Loyalty Scheme",
        description: "Lorem",
        multiplier: null,
        signup_bonus: null,
        closed_loop: false,
        allowed_domains: [],
        joined: false,
      },
    ])
    expect(() => toRewards({ id: "x" })).toThrow(UnexpectedCrmComAnswer)
    expect(() => toBalances({ content: "nope" })).toThrow(UnexpectedCrmComAnswer)
  })
})
