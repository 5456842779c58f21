import { Button, Input, Label, Select, Switch, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { InstantInput } from "./instant-input"
import {
  DURATION_FIELDS,
  ENUMS,
  formatDuration,
  INSTANT_FIELDS,
  parseDuration,
  RECORDS,
  ROW_TEMPLATES,
  UNITS,
} from "./settings-format"

type Change = (value: unknown) => void
type Errors = Record<string, string>

const label = (key: string) => key.replace(/_/g, " ")

const FieldError = ({ message }: { message?: string }) =>
  message ? (
    <Text size="xsmall" className="text-ui-fg-error" role="alert">
      {message}
    </Text>
  ) : null

/** A duration typed as "14 days" (or "14d", "36h"); the form keeps milliseconds. */
const DurationInput = ({ value, onChange, name }: { value: unknown; onChange: Change; name: string }) => {
  // the text while it is being typed; otherwise the value, formatted
  const [draft, setDraft] = useState<string | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  return (
    <div>
      <Input
        size="small"
        aria-label={name}
        value={draft ?? formatDuration(value)}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => {
          if (draft === null) {
            return
          }
          const ms = parseDuration(draft)
          setProblem(ms === null ? 'a duration such as "14 days", "36 hours" or "30 minutes"' : null)
          if (ms !== null) {
            setDraft(null)
            onChange(ms)
          }
        }}
      />
      <FieldError message={problem ?? undefined} />
    </div>
  )
}

const Scalar = ({ name, value, onChange }: { name: string; value: unknown; onChange: Change }) => {
  const parts = name.split(".")
  if (DURATION_FIELDS.has(parts[parts.length - 1]) || DURATION_FIELDS.has(parts[0])) {
    return <DurationInput name={name} value={value} onChange={onChange} />
  }
  if (INSTANT_FIELDS.has(parts[parts.length - 1])) {
    return <InstantInput name={name} value={value} onChange={onChange} />
  }
  if (typeof value === "boolean") {
    return <Switch aria-label={name} checked={value} onCheckedChange={onChange} />
  }
  const key = name.split(".").pop()!
  if (ENUMS[key]) {
    return (
      <Select size="small" value={String(value)} onValueChange={onChange}>
        <Select.Trigger aria-label={name}>
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {ENUMS[key].map((option) => (
            <Select.Item key={option} value={option}>
              {label(option)}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    )
  }
  if (Array.isArray(value)) {
    // a list of words (domains, categories): comma-separated
    return (
      <Input
        size="small"
        aria-label={name}
        value={value.join(", ")}
        onChange={(event) =>
          onChange(
            event.target.value
              .split(",")
              .map((item) => item.trim())
              .filter(Boolean)
          )
        }
      />
    )
  }
  const numeric = typeof value === "number" || value === null
  return (
    <Input
      size="small"
      aria-label={name}
      type={numeric ? "number" : "text"}
      step="any"
      value={value === null ? "" : String(value)}
      placeholder={value === null ? "none" : undefined}
      onChange={(event) => {
        const text = event.target.value
        onChange(numeric ? (text === "" ? null : Number(text)) : text)
      }}
    />
  )
}

/** Key → value rows the owner can add to and remove from. */
const RecordEditor = ({
  name,
  value,
  onChange,
}: {
  name: string
  value: Record<string, unknown>
  onChange: Change
}) => {
  const entries = Object.entries(value)
  const sample = entries[0]?.[1]
  const blank = DURATION_FIELDS.has(name) ? 86_400_000 : typeof sample === "boolean" || name === "platforms" ? false : 0
  return (
    <div className="flex flex-col gap-2">
      {entries.map(([key, item], index) => (
        <div key={index} className="flex items-center gap-2">
          <Input
            size="small"
            aria-label={`${name} key ${index + 1}`}
            className="w-32"
            value={key}
            onChange={(event) =>
              onChange(Object.fromEntries(entries.map(([k, v], i) => (i === index ? [event.target.value, v] : [k, v]))))
            }
          />
          <Scalar name={`${name}.${key}`} value={item} onChange={(next) => onChange({ ...value, [key]: next })} />
          <Button
            size="small"
            variant="transparent"
            onClick={() => onChange(Object.fromEntries(entries.filter((_, i) => i !== index)))}
          >
            Remove
          </Button>
        </div>
      ))}
      <Button size="small" variant="secondary" className="self-start" onClick={() => onChange({ ...value, "": blank })}>
        Add row
      </Button>
    </div>
  )
}

/** Rows of objects (tiers, schemes) with a row added from a template. */
const TableEditor = ({
  name,
  rows,
  onChange,
  errors,
}: {
  name: string
  rows: Record<string, unknown>[]
  onChange: Change
  errors: Errors
}) => {
  const template = ROW_TEMPLATES[name] ?? rows[0] ?? {}
  const columns = Object.keys({ ...template, ...rows[0] }).filter((column) => column !== "color")
  return (
    <div className="flex flex-col gap-2">
      <Table data-table={name}>
        <Table.Header>
          <Table.Row>
            {columns.map((column) => (
              <Table.HeaderCell key={column}>{label(column)}</Table.HeaderCell>
            ))}
            <Table.HeaderCell />
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row, index) => (
            <Table.Row key={index}>
              {columns.map((column) => (
                <Table.Cell key={column}>
                  <Scalar
                    name={`${name}.${index}.${column}`}
                    value={row[column]}
                    onChange={(next) => onChange(rows.map((r, i) => (i === index ? { ...r, [column]: next } : r)))}
                  />
                  <FieldError message={errors[`${name}.${index}.${column}`]} />
                </Table.Cell>
              ))}
              <Table.Cell>
                <Button size="small" variant="transparent" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  Remove
                </Button>
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <Button
        size="small"
        variant="secondary"
        className="self-start"
        onClick={() => onChange([...rows, { ...template }])}
      >
        Add row
      </Button>
    </div>
  )
}

/** One field of an area, by the shape of its value; nested objects are groups of fields. */
export const SettingsField = ({
  path,
  value,
  onChange,
  errors,
}: {
  path: string
  value: unknown
  onChange: Change
  errors: Errors
}) => {
  const key = path.split(".").pop()!
  const unit = UNITS[key]
  let editor
  if (RECORDS.has(key) && value && typeof value === "object" && !Array.isArray(value)) {
    editor = <RecordEditor name={key} value={value as Record<string, unknown>} onChange={onChange} />
  } else if (Array.isArray(value) && (ROW_TEMPLATES[key] || typeof value[0] === "object")) {
    editor = <TableEditor name={path} rows={value as Record<string, unknown>[]} onChange={onChange} errors={errors} />
  } else if (key === "intervals" && Array.isArray(value)) {
    editor = (
      <div className="flex flex-col gap-2">
        {value.map((item, index) => (
          <DurationInput
            key={index}
            name={`${path}.${index}`}
            value={item}
            onChange={(next) => onChange(value.map((v, i) => (i === index ? next : v)))}
          />
        ))}
      </div>
    )
  } else if (value && typeof value === "object" && !Array.isArray(value)) {
    return (
      <fieldset className="flex flex-col gap-3 rounded-md border p-3">
        <legend className="px-1">
          <Text size="small" weight="plus">
            {label(key)}
          </Text>
        </legend>
        {Object.entries(value as Record<string, unknown>).map(([child, item]) => (
          <SettingsField
            key={child}
            path={`${path}.${child}`}
            value={item}
            errors={errors}
            onChange={(next) => onChange({ ...(value as Record<string, unknown>), [child]: next })}
          />
        ))}
      </fieldset>
    )
  } else {
    editor = <Scalar name={path} value={value} onChange={onChange} />
  }
  return (
    <div className="grid grid-cols-3 items-start gap-3" data-field={path}>
      <div>
        <Label size="small">{label(key)}</Label>
        {unit && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {unit}
          </Text>
        )}
      </div>
      <div className="col-span-2">
        {editor}
        <FieldError message={errors[path]} />
      </div>
    </div>
  )
}
