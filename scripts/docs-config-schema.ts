/**
 * Reads a zod (v4) options schema as the rows of the configuration page: every option's path, type,
 * default and `.describe()` text. Objects are walked into (`a.b`), lists of objects too (`a[].b`).
 */
export type OptionRow = { path: string; type: string; defaultValue: string; description: string }

/* eslint-disable @typescript-eslint/no-explicit-any -- zod's internals (`_zod.def`) are untyped here */
type Schema = any

const def = (schema: Schema) => schema._zod.def

/** `{ inner, default, description, optional }` of a schema under its default, optional and nullable wrappers. */
function unwrap(schema: Schema) {
  let description: string | undefined = schema.description
  let defaultValue: unknown = undefined
  let hasDefault = false
  let optional = false
  let nullable = false
  let current = schema
  for (;;) {
    const type = def(current).type
    if (type === "default" || type === "prefault") {
      if (!hasDefault) {
        defaultValue = def(current).defaultValue
        hasDefault = true
      }
    } else if (type === "optional") {
      optional = true
    } else if (type === "nullable") {
      nullable = true
    } else if (type === "pipe" && def(def(current).out).type === "transform" && !isDuration(current)) {
      // a transform that checks (a secret's strength): the input decides the shape
      current = def(current).in
      description ??= current.description
      continue
    } else {
      break
    }
    current = def(current).innerType
    description ??= current.description
  }
  return { inner: current, defaultValue, hasDefault, optional, nullable, description }
}

/** The duration option: milliseconds, or a string such as "30s", "10m", "7d". */
function isDuration(schema: Schema): boolean {
  if (def(schema).type !== "pipe") {
    return false
  }
  const input = def(schema).in
  return (
    def(input).type === "union" &&
    def(input)
      .options.map((option: Schema) => def(option).type)
      .sort()
      .join() === "number,string"
  )
}

const UNITS: [string, number][] = [
  ["d", 86_400_000],
  ["h", 3_600_000],
  ["m", 60_000],
  ["s", 1000],
]

function durationText(ms: number): string {
  const unit = UNITS.find(([, size]) => ms > 0 && ms % size === 0)
  return unit ? `${ms / unit[1]}${unit[0]}` : `${ms}ms`
}

function bounds(schema: Schema): string {
  const parts: string[] = []
  for (const check of def(schema).checks ?? []) {
    const { check: kind, value, inclusive } = check._zod.def
    if (kind === "greater_than") {
      parts.push(`${inclusive ? "≥" : ">"} ${value}`)
    } else if (kind === "less_than") {
      parts.push(`${inclusive ? "≤" : "<"} ${value}`)
    }
  }
  return parts.length ? ` ${parts.join(", ")}` : ""
}

/** A short human name of a schema's type. */
export function typeName(schema: Schema): string {
  const { inner, nullable } = unwrap(schema)
  const name = baseTypeName(inner)
  return nullable ? `${name} or null` : name
}

function baseTypeName(schema: Schema): string {
  if (isDuration(schema)) {
    return "duration (ms, or `30s`, `10m`, `7d`)"
  }
  const d = def(schema)
  switch (d.type) {
    case "string":
      return schema.format === "url" ? "URL" : "string"
    case "number":
      return (schema.isInt ? "integer" : "number") + bounds(schema)
    case "boolean":
      return "boolean"
    case "enum":
      return Object.values(d.entries)
        .map((value) => `\`${value}\``)
        .join(", ")
    case "literal":
      return d.values.map((value: unknown) => `\`${value}\``).join(", ")
    case "union":
      return d.options.map(typeName).join(" or ")
    case "array": {
      const element = unwrap(d.element).inner
      return def(element).type === "object" ? "list of objects" : `list of ${typeName(d.element)}`
    }
    case "tuple":
      return `[${d.items.map(typeName).join(", ")}]`
    case "record":
      return `map of ${typeName(d.keyType)} → ${typeName(d.valueType)}`
    case "object":
      return "object"
    case "pipe":
      return typeName(d.in)
    default:
      return d.type === "unknown" ? "any" : d.type
  }
}

function defaultText(schema: Schema): string {
  const { inner, defaultValue, hasDefault } = unwrap(schema)
  if (!hasDefault) {
    return "—"
  }
  const element = def(inner).type === "array" ? def(inner).element : null
  const asDuration = (value: unknown) => (typeof value === "number" ? durationText(value) : value)
  let value = defaultValue
  if (isDuration(inner)) {
    value = asDuration(value)
  } else if (element && isDuration(unwrap(element).inner) && Array.isArray(value)) {
    value = value.map(asDuration)
  }
  return typeof value === "string" && value ? `\`${value}\`` : `\`${JSON.stringify(value)}\``
}

/**
 * The rows of an object schema (or of one option when `walk` is false), paths under `prefix`.
 * An object option is a row of its own only when it has a description; its options follow.
 */
export function describeSchema(schema: Schema, prefix: string, walk = true): OptionRow[] {
  const { inner, description } = unwrap(schema)
  const type = def(inner).type
  const row = (): OptionRow => ({
    path: prefix,
    type: typeName(schema),
    defaultValue: defaultText(schema),
    description: description ?? "",
  })
  if (walk && type === "object") {
    const children = Object.entries(inner.shape as Record<string, Schema>).flatMap(([key, child]) =>
      describeSchema(child, `${prefix}.${key}`)
    )
    return description && prefix.includes(".") ? [row(), ...children] : children
  }
  const element = type === "array" ? unwrap(def(inner).element).inner : null
  if (walk && element && def(element).type === "object") {
    return [row(), ...describeSchema(element, `${prefix}[]`)]
  }
  return [row()]
}
