/**
 * `npm run docs:config`: renders the options reference of docs/configuration.md from the zod option
 * schemas (path, type, default, `.describe()` text) and from the environment mapping of the `env.ts`
 * files, between the page's markers, so the page cannot drift from the code. `--check` writes
 * nothing and exits 1 when the page differs (integration-tests/docs/configuration.unit.spec.ts).
 * Not part of the published package (tsconfig.json builds `src/` only).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import path from "node:path"
import { engagementOptionsFromEnv } from "../src/modules/engagement/env"
import { engagementOptionsSchema } from "../src/modules/engagement/options"
import { commonPlatformOptionsSchema } from "../src/provider-api/types"
import { loyaltyOptionsFromEnv } from "../src/modules/loyalty/env"
import { loyaltyOptionsSchema } from "../src/modules/loyalty/options"
import { engagementProvidersFromEnv } from "../src/providers/env"
import { envMapping, envVariableNames } from "./docs-config-env"
import { describeSchema, OptionRow } from "./docs-config-schema"

const ROOT = path.resolve(__dirname, "..")
export const CONFIGURATION_PAGE = path.join(ROOT, "docs/configuration.md")
const PROVIDERS = path.join(ROOT, "src/providers")
const BEGIN = "<!-- BEGIN GENERATED OPTIONS: npm run docs:config -->"
const END = "<!-- END GENERATED OPTIONS -->"

/** The engagement module's option groups, in the order of the page. */
const ENGAGEMENT_SECTIONS: Record<string, string> = {
  outbox: "Outbox",
  review_requests: "Review requests",
  conversions: "Cart conversions",
  storefront: "Storefront links",
  consents: "Consents",
  statistics: "Purchase statistics",
  contact_sync: "Contact sync",
}

type Platform = { id: string; displayName: string; optionsSchema: unknown }

/** Every platform folder: its index exports the platform (with `optionsSchema`) beside the provider. */
function platforms(): Platform[] {
  return readdirSync(PROVIDERS)
    .map((name) => path.join(PROVIDERS, name))
    .filter((folder) => statSync(folder).isDirectory() && readdirSync(folder).includes("index.ts"))
    .map((folder) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const exported: Record<string, unknown> = require(folder)
      const platform = Object.values(exported).find(
        (value): value is Platform => !!value && typeof value === "object" && "optionsSchema" in value
      )
      if (!platform) {
        throw new Error(`${folder}: exports no platform with an optionsSchema`)
      }
      return platform
    })
    .sort((a, b) => a.id.localeCompare(b.id))
}

function envSources(): string[] {
  const platformFiles = readdirSync(PROVIDERS).map((name) => path.join(PROVIDERS, name, "env.ts"))
  return [
    "src/modules/engagement/env.ts",
    "src/modules/engagement/review-requests/env.ts",
    "src/modules/loyalty/env.ts",
    "src/providers/env.ts",
  ]
    .map((file) => path.join(ROOT, file))
    .concat(platformFiles.filter((file) => existsSync(file)))
}

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ")

type Section = { title: string; root: string; rows: OptionRow[] }

function sections(list: Platform[]): { heading: string; sections: Section[] }[] {
  const shape = (engagementOptionsSchema as unknown as { shape: Record<string, unknown> }).shape
  const keys = Object.keys(shape).filter((key) => key !== "providers")
  const engagement: Section[] = [
    { title: "Platforms (`providers`)", root: "providers", rows: describeSchema(shape.providers, "providers", false) },
    ...keys.map((key) => ({
      title: `${ENGAGEMENT_SECTIONS[key] ?? key} (\`${key}\`)`,
      root: key,
      rows: describeSchema(shape[key], key),
    })),
  ]
  const common = describeSchema(commonPlatformOptionsSchema, "<id>")
  const commonKeys = new Set(common.map((row) => row.path))
  const providers: Section[] = [
    { title: "Every platform", root: "<id>", rows: common },
    ...list.map((platform) => ({
      title: `${platform.displayName} (\`${platform.id}\`)`,
      root: platform.id,
      rows: describeSchema(platform.optionsSchema, platform.id).filter(
        (row) => !commonKeys.has(`<id>${row.path.slice(platform.id.length)}`)
      ),
    })),
  ]
  return [
    { heading: "Engagement module", sections: engagement },
    {
      heading: "Loyalty module",
      sections: [
        { title: "Loyalty (`loyalty`)", root: "loyalty", rows: describeSchema(loyaltyOptionsSchema, "loyalty") },
      ],
    },
    { heading: "Platforms", sections: providers },
  ]
}

/** The Markdown between the markers (before Prettier). */
export function renderOptions(): string {
  const names = envVariableNames(envSources().map((file) => readFileSync(file, "utf8")))
  const list = platforms()
  const mapping = envMapping(names, {
    engagement: (vars) => engagementOptionsFromEnv(vars) as Record<string, unknown>,
    loyalty: (vars) => ({ loyalty: loyaltyOptionsFromEnv(vars as NodeJS.ProcessEnv) }),
    providers: (vars) =>
      Object.fromEntries(
        engagementProvidersFromEnv(vars).map((entry) => [path.basename(String(entry.resolve)), entry.options ?? {}])
      ),
    providerIds: list.map((platform) => platform.id),
  })
  const groups = sections(list)
  const all = groups.flatMap((group) => group.sections)
  const rows = all.flatMap((section) => section.rows)
  // each variable on the longest option path its change falls under (a map's key is inside its option)
  const env = new Map<string, string[]>()
  const unplaced: string[] = []
  for (const [option, vars] of mapping) {
    const target =
      rows
        .map((row) => row.path)
        .filter((candidate) => option === candidate || option.startsWith(`${candidate}.`))
        .sort((a, b) => b.length - a.length)[0] ?? all.find((section) => section.root === option)?.root
    if (!target) {
      unplaced.push(`${vars.join(", ")} → ${option}`)
      continue
    }
    env.set(target, [...new Set([...(env.get(target) ?? []), ...vars])].sort())
  }
  const missing = rows.filter((row) => !row.description).map((row) => row.path)
  if (missing.length || unplaced.length) {
    throw new Error(
      [
        missing.length && `options without a .describe() text: ${missing.join(", ")}`,
        unplaced.length && `variables setting no documented option: ${unplaced.join("; ")}`,
      ]
        .filter(Boolean)
        .join("\n")
    )
  }
  const out: string[] = []
  for (const group of groups) {
    out.push(`## ${group.heading}\n`)
    for (const section of group.sections) {
      out.push(`### ${section.title}\n`)
      const whole = env.get(section.root)
      if (whole) {
        out.push(`${whole.map((name) => `\`${name}\``).join(", ")}: the whole \`${section.root}\` object as JSON.\n`)
      }
      const lines = ["| option | type | default | env | meaning |", "| --- | --- | --- | --- | --- |"]
      for (const row of section.rows) {
        const vars = (env.get(row.path) ?? []).map((name) => `\`${name}\``).join(", ")
        lines.push(
          `| \`${row.path}\` | ${cell(row.type)} | ${cell(row.defaultValue)} | ${vars} | ${cell(row.description)} |`
        )
      }
      out.push(`${lines.join("\n")}\n`)
    }
  }
  return out.join("\n")
}

/** The whole page with the generated part replaced, formatted as `prettier --write` would. */
export async function renderPage(current: string): Promise<string> {
  const start = current.indexOf(BEGIN)
  const end = current.indexOf(END)
  if (start < 0 || end < start) {
    throw new Error(`${CONFIGURATION_PAGE}: the markers ${BEGIN} … ${END} are missing`)
  }
  const page = `${current.slice(0, start + BEGIN.length)}\n\n${renderOptions()}\n${current.slice(end)}`
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const prettier: typeof import("prettier") = require("prettier")
  const config = (await prettier.resolveConfig(CONFIGURATION_PAGE)) ?? {}
  return prettier.format(page, { ...config, filepath: CONFIGURATION_PAGE })
}

async function main() {
  const current = readFileSync(CONFIGURATION_PAGE, "utf8")
  const next = await renderPage(current)
  if (process.argv.includes("--check")) {
    if (next !== current) {
      console.error("docs/configuration.md differs from the option schemas: run `npm run docs:config`")
      process.exit(1)
    }
    return
  }
  writeFileSync(CONFIGURATION_PAGE, next)
  console.log(next === current ? "docs/configuration.md is up to date" : "docs/configuration.md written")
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
