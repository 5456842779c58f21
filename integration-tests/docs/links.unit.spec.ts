import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import path from "node:path"

/**
 * Every relative link and picture of README.md and docs/*.md resolves: the file exists, and an
 * `#anchor` is a heading of the page it points to, slugged as GitHub does.
 */
const ROOT = path.resolve(__dirname, "../..")
const DOCS = path.join(ROOT, "docs")
const pages = [
  path.join(ROOT, "README.md"),
  ...readdirSync(DOCS)
    .filter((name) => name.endsWith(".md"))
    .map((name) => path.join(DOCS, name)),
]

/** The text outside fenced code blocks, with inline code spans blanked (links in code are not links). */
function prose(markdown: string): string[] {
  let fenced = false
  return markdown.split("\n").map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced
      return ""
    }
    return fenced ? "" : line.replace(/`[^`]*`/g, (code) => " ".repeat(code.length))
  })
}

/** GitHub's heading ids: lower case, punctuation but `-` and `_` dropped, spaces to `-`, repeats numbered. */
function githubSlugs(markdown: string): Set<string> {
  const seen = new Map<string, number>()
  const slugs = new Set<string>()
  let fenced = false
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced
      continue
    }
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!heading) {
      continue
    }
    const text = heading[1]
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // a link's text
      .replace(/<[^>]+>/g, "") // inline HTML
      .replace(/[`*]/g, "")
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
      .replace(/ /g, "-")
    const count = seen.get(base) ?? 0
    seen.set(base, count + 1)
    slugs.add(count ? `${base}-${count}` : base)
  }
  for (const match of markdown.matchAll(/<a\s+(?:name|id)="([^"]+)"/g)) {
    slugs.add(match[1])
  }
  return slugs
}

type Link = { page: string; line: number; target: string; image: boolean }

function linksOf(page: string): Link[] {
  const links: Link[] = []
  prose(readFileSync(page, "utf8")).forEach((text, index) => {
    for (const match of text.matchAll(/(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      links.push({ page, line: index + 1, target: match[2], image: match[1] === "!" })
    }
    for (const match of text.matchAll(/<img\s[^>]*src="([^"]+)"/g)) {
      links.push({ page, line: index + 1, target: match[1], image: true })
    }
  })
  return links
}

/** Why a link does not resolve, or null. */
function problem(link: Link): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(link.target)) {
    return null // http(s), mailto: checked by no one here
  }
  const [file, anchor] = link.target.split("#", 2) as [string, string | undefined]
  const resolved = file ? path.resolve(path.dirname(link.page), decodeURI(file)) : link.page
  if (!existsSync(resolved)) {
    return `${path.relative(ROOT, resolved)} does not exist`
  }
  if (link.image && (!statSync(resolved).isFile() || !/\.(png|jpe?g|gif|svg|webp)$/i.test(resolved))) {
    return `${path.relative(ROOT, resolved)} is not a picture`
  }
  if (anchor !== undefined) {
    if (!resolved.endsWith(".md")) {
      return `#${anchor} points into ${path.relative(ROOT, resolved)}, which has no headings`
    }
    if (!githubSlugs(readFileSync(resolved, "utf8")).has(decodeURIComponent(anchor))) {
      return `${path.relative(ROOT, resolved)} has no heading #${anchor}`
    }
  }
  return null
}

describe("README.md and docs/", () => {
  const links = pages.flatMap(linksOf)

  it("finds the pages, their links and pictures", () => {
    expect(pages.length).toBeGreaterThanOrEqual(10)
    expect(links.filter((link) => !link.image).length).toBeGreaterThan(30)
    expect(links.filter((link) => link.image).length).toBeGreaterThanOrEqual(4)
  })

  it("has only links and pictures that resolve", () => {
    const broken = links
      .map((link) => ({ link, why: problem(link) }))
      .filter(({ why }) => why)
      .map(({ link, why }) => `${path.relative(ROOT, link.page)}:${link.line} (${link.target}): ${why}`)
    expect(broken).toEqual([])
  })

  it("keeps the README a five-minute read (under 300 lines)", () => {
    expect(readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n").length).toBeLessThan(300)
  })
})

describe("githubSlugs", () => {
  it("slugs headings as GitHub does", () => {
    const slugs = githubSlugs(
      [
        "# Privacy: erasing a shopper",
        "## Outbox (`outbox`)",
        "### CRM.COM as the loyalty source",
        "## Contact sync (ExpertSender, Voyado Engage, CRM.COM, Rejoiner)",
        "## Notes",
        "## Notes",
        "```",
        "# not a heading",
        "```",
      ].join("\n")
    )
    expect([...slugs]).toEqual([
      "privacy-erasing-a-shopper",
      "outbox-outbox",
      "crmcom-as-the-loyalty-source",
      "contact-sync-expertsender-voyado-engage-crmcom-rejoiner",
      "notes",
      "notes-1",
    ])
  })
})
