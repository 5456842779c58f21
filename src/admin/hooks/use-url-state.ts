import type { DataTableFilteringState, DataTablePaginationState } from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { useSearchParams } from "react-router-dom"

/**
 * The page's state kept in its URL, as Medusa's dashboard keeps its tables' `q`, `offset` and
 * `order` (react-router's useSearchParams): a reload keeps the tab and the filters, and a link such
 * as `/app/engagement?tab=deliveries&platform=<id>&status=failed` opens them.
 * A list is written comma-separated (`status=failed,dead`); an empty value removes its key.
 */
export type UrlPatch = Record<string, string | string[] | null | undefined>

/** Reads the query and writes several keys at once (two writes in one tick would lose the first). */
export function useUrlParams() {
  const [params, setParams] = useSearchParams()
  const write = useCallback(
    (patch: UrlPatch, options: { push?: boolean; only?: boolean } = {}) =>
      setParams(
        (previous) => {
          // `only`: the patch is the whole query (a new tab starts without the last tab's filters)
          const next = new URLSearchParams(options.only ? undefined : previous)
          for (const [key, value] of Object.entries(patch)) {
            const text = Array.isArray(value) ? value.join(",") : value
            if (text) {
              next.set(key, text)
            } else {
              next.delete(key)
            }
          }
          return next
        },
        // a filter typed letter by letter is not a history entry each; a tab is
        { replace: !options.push }
      ),
    [setParams]
  )
  return { params, write }
}

/** One query parameter as state: `const [platform, setPlatform] = useUrlState("platform")`. */
export function useUrlState(key: string, fallback = ""): [string, (value: string | null) => void] {
  const { params, write } = useUrlParams()
  const value = params.get(key) || fallback
  const set = useCallback(
    (next: string | null) => write({ [key]: next === fallback ? null : next }),
    [key, fallback, write]
  )
  return [value, set]
}

/**
 * How a DataTable filter sits in the URL: "list" a multiselect (`status=failed,dead`), "text" a
 * string filter (`order_id=order_01…`), "range" a date filter (`created_at={"$gte":"…"}`).
 */
export type UrlFilterKind = "list" | "text" | "range"

const decode = (kind: UrlFilterKind, raw: string): unknown => {
  if (kind === "list") {
    return raw.split(",").filter(Boolean)
  }
  if (kind === "range") {
    try {
      const range = JSON.parse(raw) as unknown
      return range && typeof range === "object" ? range : undefined
    } catch {
      return undefined // a hand-edited link: the filter is dropped, not the page
    }
  }
  return raw
}

const encode = (kind: UrlFilterKind, value: unknown): string | null => {
  if (value === undefined || value === null) {
    return null
  }
  if (kind === "list") {
    return Array.isArray(value) ? value.map(String).join(",") : String(value)
  }
  if (kind === "range") {
    return Object.keys(value as object).length ? JSON.stringify(value) : null
  }
  return String(value)
}

/**
 * A DataTable's filters and page in the URL. `kinds` names each filter the table has (define it
 * outside the component: a new filter is one more key there); the page is `offset`, as in Medusa's
 * tables, and goes back to the first page when a filter changes.
 */
export function useUrlTableState(kinds: Record<string, UrlFilterKind>, pageSize: number) {
  const { params, write } = useUrlParams()
  const key = params.toString()
  // a filter just picked from the filter menu has no value yet ("" or []): the URL has no room for
  // it, but the filter bar must still see it to open its value picker
  const [pending, setPending] = useState<DataTableFilteringState>({})
  const filtering = useMemo(() => {
    const state: DataTableFilteringState = { ...pending }
    for (const [name, kind] of Object.entries(kinds)) {
      const raw = params.get(name)
      const value = raw ? decode(kind, raw) : undefined
      if (value !== undefined) {
        state[name] = value
      }
    }
    return state
    // the query's text: a new URLSearchParams object with the same keys is the same state
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, kinds, pending])
  const offset = Math.max(0, Number(params.get("offset")) || 0)
  const pagination: DataTablePaginationState = useMemo(
    () => ({ pageIndex: Math.floor(offset / pageSize), pageSize }),
    [offset, pageSize]
  )
  const setFiltering = useCallback(
    (state: DataTableFilteringState) => {
      const encoded = Object.entries(kinds).map(([name, kind]) => [name, encode(kind, state[name])] as const)
      setPending(
        Object.fromEntries(
          encoded.filter(([name, text]) => name in state && !text).map(([name]) => [name, state[name]])
        )
      )
      write({ ...Object.fromEntries(encoded), offset: null })
    },
    [kinds, write]
  )
  const setPagination = useCallback(
    (state: DataTablePaginationState) =>
      write({ offset: state.pageIndex ? String(state.pageIndex * state.pageSize) : null }),
    [write]
  )
  return { filtering, setFiltering, pagination, setPagination }
}
