// The import boundaries between the top-level folders of src/, checked by `npm run lint`:
// - src/provider-api is the one contract between the modules and the providers: both import it, it
//   imports neither (nor anything that uses them);
// - a module (src/modules/<name>) imports no other module: modules share only the contract and
//   meet in workflows and links, as Medusa's core modules do;
// - a provider (src/providers/<platform>) imports no module: what it exchanges with them is in the
//   contract;
// - nothing in src/modules or src/workflows imports back up into the routes, the admin, the
//   subscribers or the jobs, nor names a provider (the module resolves providers from its container);
// - the capability folders of src/workflows import each other one way only: an import from one into
//   another that already imports it back (directly or through others) closes a cycle.
// Relative imports are resolved against the importing file, so `../../modules/loyalty/x` and
// `../loyalty/x` are judged by where they land. Specs and their fixtures may assemble a module and
// a provider together, as the integration tests do.
import fs from "node:fs"
import path from "node:path"

const TOP_LEVEL = ["api", "admin", "subscribers", "jobs"]

/** The part of src/ a path lies in ("provider-api", "module:loyalty", "provider:crmcom", "workflow:outbox", "api"…). */
function partOf(srcRoot, file) {
  const relative = path.relative(srcRoot, file)
  if (relative.startsWith("..") || path.isAbsolute(relative)) {
    return null
  }
  const [top, second] = relative.split(path.sep)
  if (top === "modules" || top === "providers" || top === "workflows") {
    return { kind: top.slice(0, -1), name: (second ?? "").replace(/\.[jt]sx?$/, "") }
  }
  return { kind: top.replace(/\.[jt]sx?$/, ""), name: "" }
}

const label = (part) => (part.name ? `src/${part.kind}s/${part.name}` : `src/${part.kind}`)

/** Why `from` may not import `to`, or null when it may. */
function refusal(from, to) {
  if (from.kind === "provider-api" && ["module", "provider", "workflow", ...TOP_LEVEL].includes(to.kind)) {
    return "src/provider-api is the contract the modules and providers share: it imports neither of them"
  }
  if (from.kind === "module" && to.kind === "module" && to.name !== from.name) {
    return "a module imports no other module: they share src/provider-api and meet in workflows and links"
  }
  if (from.kind === "provider" && ["module", "workflow", ...TOP_LEVEL].includes(to.kind)) {
    return "a provider imports no module internals: what it exchanges with the modules is in src/provider-api"
  }
  if ((from.kind === "module" || from.kind === "workflow") && [...TOP_LEVEL, "provider"].includes(to.kind)) {
    return `${label(from)} does not import back up into ${label(to)}`
  }
  if (from.kind === "module" && to.kind === "workflow") {
    return `${label(from)} does not import back up into ${label(to)}`
  }
  return null
}

const isSpec = (file) => /\.spec\.[jt]sx?$/.test(file) || file.split(path.sep).includes("__tests__")

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)["'](\.[^"']*)["']/g

/** Which workflow folders each workflow folder imports (its specs aside), read from the files once per lint run. */
function workflowGraph(srcRoot) {
  const root = path.join(srcRoot, "workflows")
  const graph = new Map()
  const walk = (dir, visit) => {
    for (const entry of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(full, visit)
      } else if (/\.tsx?$/.test(entry.name) && !isSpec(full) && dir !== root) {
        visit(full)
      }
    }
  }
  walk(root, (file) => {
    const from = partOf(srcRoot, file)
    for (const [, specifier] of fs.readFileSync(file, "utf8").matchAll(SPECIFIER)) {
      const to = partOf(srcRoot, path.resolve(path.dirname(file), specifier))
      if (to?.kind === "workflow" && to.name !== from.name) {
        graph.set(from.name, (graph.get(from.name) ?? new Set()).add(to.name))
      }
    }
  })
  return graph
}

/** Whether workflow folder `start` reaches `goal` through the imports of `graph`. */
function reaches(graph, start, goal, seen = new Set()) {
  if (start === goal) {
    return true
  }
  seen.add(start)
  return [...(graph.get(start) ?? [])].some((next) => !seen.has(next) && reaches(graph, next, goal, seen))
}

const graphs = new Map()

export const importBoundaries = {
  meta: {
    type: "problem",
    docs: { description: "keeps the modules, the providers and their contract (src/provider-api) apart" },
    schema: [],
    messages: { crossing: "{{from}} may not import {{to}}: {{why}}" },
  },
  create(context) {
    const file = context.filename
    const srcRoot = path.join(context.cwd, "src")
    const from = partOf(srcRoot, file)
    if (!from || isSpec(file)) {
      return {}
    }
    function check(node, specifier) {
      if (typeof specifier !== "string" || !specifier.startsWith(".")) {
        return
      }
      const target = path.resolve(path.dirname(file), specifier)
      const to = partOf(srcRoot, target)
      let why = to && refusal(from, to)
      if (!why && to && from.kind === "workflow" && to.kind === "workflow" && to.name && to.name !== from.name) {
        if (!graphs.has(srcRoot)) {
          graphs.set(srcRoot, workflowGraph(srcRoot))
        }
        if (reaches(graphs.get(srcRoot), to.name, from.name)) {
          why = `src/workflows/${to.name} already imports src/workflows/${from.name}: the two would import each other`
        }
      }
      if (why) {
        context.report({
          node,
          messageId: "crossing",
          data: { from: path.relative(context.cwd, file), to: path.relative(context.cwd, target), why },
        })
      }
    }
    const fromSource = (node) => node.source && check(node.source, node.source.value)
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression: (node) => check(node.source, node.source.value),
      CallExpression(node) {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments[0]) {
          check(node.arguments[0], node.arguments[0].value)
        }
      },
    }
  },
}

export default { rules: { "import-boundaries": importBoundaries } }
