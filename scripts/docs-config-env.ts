/**
 * Which environment variable sets which option, found by asking the `env.ts` functions themselves:
 * each variable is set alone (next to the variables that switch every platform on) and the options
 * that change are the ones it sets. Nothing is read from the functions' source but the variable names.
 */
type Env = Record<string, string | undefined>
type OptionsFromEnv = (env: Env) => Record<string, unknown>

export type EnvFunctions = {
  /** the plugin options (`outbox`, `review_requests`, …) */
  engagement: OptionsFromEnv
  /** `{ loyalty }` */
  loyalty: OptionsFromEnv
  /** `{ [platform id]: options }` */
  providers: OptionsFromEnv
  providerIds: string[]
}

/** Every `env.NAME` the sources read. */
export function envVariableNames(sources: string[]): string[] {
  const names = new Set<string>()
  for (const source of sources) {
    for (const match of source.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)) {
      names.add(match[1])
    }
  }
  return [...names].sort()
}

/** Leaf values by dotted path (lists are leaves; undefined is absent). */
function flatten(value: unknown, prefix: string, out: Map<string, string>) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      flatten(child, prefix ? `${prefix}.${key}` : key, out)
    }
  } else if (value !== undefined) {
    out.set(prefix, JSON.stringify(value))
  }
  return out
}

function outputs(fns: EnvFunctions, env: Env): Map<string, string> | null {
  try {
    const out = new Map<string, string>()
    flatten(fns.engagement(env), "", out)
    flatten(fns.loyalty(env), "", out)
    const providers = fns.providers(env)
    for (const [id, options] of Object.entries(providers)) {
      flatten(options, `providers.${id}`, out)
    }
    return out
  } catch {
    return null
  }
}

function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()])
  return [...paths].filter((key) => before.get(key) !== after.get(key))
}

/**
 * option path → the variables that set it. A platform's option is `<id>.<option>`; one every
 * platform takes from the same variable is `<id>.<option>` too (the page's "every platform" table);
 * a variable that holds a whole options object (JSON) maps to that object's path.
 */
export function envMapping(names: string[], fns: EnvFunctions): Map<string, string[]> {
  const empty = outputs(fns, {})!
  // the variables that switch a platform on: set alone, a platform appears
  const switches = names.filter((name) =>
    changed(empty, outputs(fns, { [name]: "https://probe.example" }) ?? empty).some((key) =>
      key.startsWith("providers.")
    )
  )
  const base: Env = Object.fromEntries(switches.map((name) => [name, "https://base.example"]))
  const baseline = outputs(fns, base)!
  const samples = ["1", "true", "false", "a=1", "server", "write_off", fns.providerIds.join(","), '{"__probe__":1}']
  const mapping = new Map<string, string[]>()
  const add = (option: string, name: string) => mapping.set(option, [...(mapping.get(option) ?? []), name])
  for (const name of names) {
    let paths: string[] = []
    for (const sample of samples) {
      const after = outputs(fns, { ...base, [name]: sample })
      paths = after ? changed(baseline, after) : []
      if (paths.length) {
        break
      }
    }
    // a variable that changes nothing is reported by the page's generator (an empty option path)
    const options = new Set<string>(paths.length ? [] : [""])
    for (const key of paths) {
      const parts = key.split(".")
      if (parts[0] === "providers") {
        const perPlatform = paths.filter((other) => other.endsWith(`.${parts[2]}`)).length
        options.add(perPlatform === fns.providerIds.length ? `<id>.${parts[2]}` : `${parts[1]}.${parts[2]}`)
      } else if (parts.includes("__probe__")) {
        options.add(parts.slice(0, parts.indexOf("__probe__")).join(".") || "loyalty")
      } else {
        options.add(key)
      }
    }
    for (const option of options) {
      add(option, name)
    }
  }
  return mapping
}
