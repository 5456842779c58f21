import { ESLint } from "eslint"
import path from "node:path"

const root = path.resolve(__dirname, "../..")
const RULE = "engagement/import-boundaries"

/** The import-boundary findings `npm run lint` (the repository's own eslint.config.mjs) makes for `code` at `file`. */
async function crossings(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root })
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) })
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message)
}

describe("the import-boundary lint rule", () => {
  it("refuses a provider that imports a module's internals", async () => {
    const found = await crossings(
      "src/providers/crmcom/loyalty-example.ts",
      `import type { LoyaltySummary } from "../../modules/loyalty/ledger/summary"\n` +
        `import { ENGAGEMENT_MODULE } from "../../modules/engagement/types"\nexport type A = LoyaltySummary\nexport const B = ENGAGEMENT_MODULE\n`
    )
    expect(found).toHaveLength(2)
    expect(found[0]).toContain(
      "may not import src/modules/loyalty/ledger/summary: a provider imports no module internals"
    )
    expect(found[1]).toContain("may not import src/modules/engagement/types")
  })

  it("refuses a module that imports another module, however the path is written", async () => {
    const found = await crossings(
      "src/modules/engagement/outbox/example.ts",
      `export * from "../../loyalty/types"\nexport const load = () => import("../../../modules/loyalty/service")\n`
    )
    expect(found).toEqual([
      expect.stringContaining("may not import src/modules/loyalty/types: a module imports no other module"),
      expect.stringContaining("may not import src/modules/loyalty/service: a module imports no other module"),
    ])
  })

  it("refuses a module or a workflow that imports back up into routes, subscribers, jobs, the admin or a provider", async () => {
    expect(
      await crossings(
        "src/workflows/loyalty/steps/example.ts",
        `import { x } from "../../../api/utils/validation"\nexport { x }\n`
      )
    ).toEqual([expect.stringContaining("src/workflows/loyalty does not import back up into src/api")])
    expect(
      await crossings(
        "src/modules/loyalty/example.ts",
        `import { x } from "../../subscribers/order-placed"\nexport { x }\n`
      )
    ).toEqual([expect.stringContaining("src/modules/loyalty does not import back up into src/subscribers")])
    expect(
      await crossings("src/modules/engagement/example.ts", `export { x } from "../../jobs/send-outbox"\n`)
    ).toHaveLength(1)
    expect(
      await crossings("src/workflows/outbox/example.ts", `export { x } from "../../providers/rejoiner/platform"\n`)
    ).toEqual([expect.stringContaining("does not import back up into src/providers/rejoiner")])
  })

  it("refuses a contract that imports a module", async () => {
    expect(
      await crossings("src/provider-api/example.ts", `export type { X } from "../modules/engagement/types"\n`)
    ).toEqual([expect.stringContaining("src/provider-api is the contract the modules and providers share")])
  })

  it("refuses a workflow folder that imports one which already imports it back", async () => {
    // workflows/contact-sync imports workflows/contacts (its locks and steps): the way back closes a cycle
    expect(
      await crossings(
        "src/workflows/contacts/workflows/example.ts",
        `export * from "../../contact-sync/workflows/sync-customer-contacts"\n`
      )
    ).toEqual([
      expect.stringContaining(
        "src/workflows/contact-sync already imports src/workflows/contacts: the two would import each other"
      ),
    ])
    // and through another folder: workflows/reconciliation imports workflows/loyalty
    expect(
      await crossings("src/workflows/loyalty/steps/example.ts", `export * from "../../reconciliation/index"\n`)
    ).toHaveLength(1)
  })

  it("lets the modules, providers and workflows import the contract, their own files and the shared utilities", async () => {
    const allowed = [
      [
        "src/providers/crmcom/example.ts",
        `export * from "../../provider-api/types"\nexport * from "./operations"\nexport * from "../../utils/secret-box"\n`,
      ],
      [
        "src/modules/loyalty/example.ts",
        `export * from "../../provider-api/loyalty-source"\nexport * from "./ledger/summary"\n`,
      ],
      [
        "src/workflows/loyalty/steps/example.ts",
        `export * from "../../../modules/loyalty/types"\nexport * from "../../contacts/steps/mark-contacts-for-sync"\n`,
      ],
      ["src/api/store/engagement/example.ts", `export * from "../../../modules/engagement/types"\n`],
    ]
    for (const [file, code] of allowed) {
      expect(await crossings(file, code)).toEqual([])
    }
  })
})
