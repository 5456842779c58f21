import { readFileSync } from "node:fs"
import { CONFIGURATION_PAGE, renderOptions, renderPage } from "../../scripts/docs-config"

/**
 * docs/configuration.md is generated from the zod option schemas and the env.ts mappings
 * (`npm run docs:config`): a changed option, default, description or variable fails here until the
 * page is generated again.
 */
describe("docs/configuration.md", () => {
  it("is what `npm run docs:config` generates from the option schemas", async () => {
    const current = readFileSync(CONFIGURATION_PAGE, "utf8")
    const generated = await renderPage(current)
    // on failure: run `npm run docs:config` and commit docs/configuration.md
    expect(current).toBe(generated)
  })

  it("regenerates only what lies between its markers", async () => {
    const current = readFileSync(CONFIGURATION_PAGE, "utf8")
    const stale = current.replace("| `outbox.lease_ms`", "| `outbox.lease`")
    expect(stale).not.toBe(current)
    expect(await renderPage(stale)).toBe(current)
    const edited = current.replace("# Configuration", "# Configuration (edited)")
    expect(await renderPage(edited)).toContain("# Configuration (edited)")
  })

  it("puts each option with its type, default and the variable that sets it", () => {
    const rows = renderOptions().split("\n")
    const row = (path: string) => rows.find((line) => line.startsWith(`| \`${path}\` |`)) ?? ""
    expect(row("outbox.lease_ms")).toMatch(/integer ≥ 1000 \| `120000` \| `ENGAGEMENT_OUTBOX_LEASE` \| .+/)
    expect(row("review_requests.delay")).toMatch(/duration .* \| `7d` \| `ENGAGEMENT_REVIEW_DELAY` \|/)
    expect(row("review_requests.exclusions.min_order_total")).toContain("`ENGAGEMENT_REVIEW_MIN_ORDER_TOTAL`")
    expect(row("consents.link_secret")).toMatch(/\| — \| `ENGAGEMENT_LINK_SECRET` \| \*\*required\*\*/)
    expect(row("contact_sync.prompt")).toContain("`MEDUSA_WORKER_MODE`")
    expect(row("loyalty.expiry_days")).toMatch(/integer ≥ 1 or null \| `365` \| `LOYALTY_EXPIRY_DAYS` \|/)
    expect(row("loyalty.schemes.list[].allowed_domains")).toContain("closed loop")
    // a variable every platform reads is on the shared row, a platform's own on its row
    expect(row("<id>.timeout_ms")).toContain("`ENGAGEMENT_HTTP_TIMEOUT`")
    expect(row("<id>.dry_run")).toContain("`ENGAGEMENT_DRY_RUN_PLATFORMS`")
    expect(row("rejoiner.api_key")).toContain("`REJOINER_API_KEY`")
    expect(row("expertsender.consent_ids")).toContain("`ENGAGEMENT_EXPERTSENDER_CONSENT_IDS`")
    expect(rows).toContain("`LOYALTY_OPTIONS`: the whole `loyalty` object as JSON.")
  })
})
