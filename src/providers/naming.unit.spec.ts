import { readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"
import type { EngagementProviderClass } from "../provider-api/provider"

/**
 * Platforms are providers: only a platform's own folder (`src/providers/<platform>/`) may name it.
 * Everything else asks the engagement module for a capability, so a store can add, drop or replace
 * a platform without touching the plugin. Tests (`*.spec.ts`, `__tests__/`) and migrations (their
 * table names are history) are not checked.
 */
const SRC = path.resolve(__dirname, "..")
const PROVIDERS = __dirname

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

/** Every platform folder: one whose index registers an engagement provider. */
const platformFolders = readdirSync(PROVIDERS)
  .map((name) => path.join(PROVIDERS, name))
  .filter((folder) => statSync(folder).isDirectory() && readdirSync(folder).includes("index.ts"))

/** The words that name a platform: its identifier and each word of its display name. */
const platformWords = platformFolders.flatMap((folder) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported = require(folder)
  const [service] = exported.default.services as EngagementProviderClass[]
  const displayNames = Object.values(exported)
    .map((value) => (value && typeof value === "object" && "displayName" in value ? String(value.displayName) : null))
    .filter((value): value is string => !!value)
  return [service.identifier, ...displayNames.flatMap((name) => name.split(/\s+/))]
})

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
const NAMES = new RegExp(`(?<![\\w-])(${[...new Set(platformWords)].map(escape).join("|")})(?![\\w-])`, "i")

const checked = filesUnder(SRC).filter(
  (file) =>
    /\.(ts|tsx|js|mjs)$/.test(file) &&
    !/\.spec\.ts$/.test(file) &&
    !file.includes(`${path.sep}__tests__${path.sep}`) &&
    !file.includes(`${path.sep}migrations${path.sep}`) &&
    !platformFolders.some((folder) => file.startsWith(folder + path.sep))
)

describe("platform names", () => {
  it("finds every platform folder and its names", () => {
    expect(platformFolders.length).toBeGreaterThanOrEqual(5)
    expect(platformWords.length).toBeGreaterThanOrEqual(platformFolders.length * 2)
    expect(checked.length).toBeGreaterThan(100)
  })

  it("are named only inside their own provider folder", () => {
    const offenders = checked.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .map((line, index) => ({ line, index }))
        .filter(({ line }) => NAMES.test(line))
        .map(({ line, index }) => `${path.relative(SRC, file)}:${index + 1}: ${line.trim()}`)
    )
    expect(offenders).toEqual([])
  })

  it("are never imported by the engagement module", () => {
    const modules = path.join(SRC, "modules")
    const imports = filesUnder(modules)
      .filter((file) => /\.ts$/.test(file))
      .flatMap((file) =>
        readFileSync(file, "utf8")
          .split("\n")
          // any import, require or dynamic import of a path up and into the providers folder
          .filter(
            (line) =>
              /\b(from|import|require)\b/.test(line) && /["'](\.\.\/)+([^"']*\/)?providers(\/[^"']*)?["']/.test(line)
          )
          .map((line) => `${path.relative(SRC, file)}: ${line.trim()}`)
      )
    expect(imports).toEqual([])
  })
})
