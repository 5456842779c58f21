/** Fills `{name}` placeholders of a configured URL pattern, URL-encoding each value. */
export function fillUrlPattern(pattern: string, values: Record<string, string | number | null | undefined>): string {
  return pattern.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = values[name]
    return value === undefined || value === null ? placeholder : encodeURIComponent(String(value))
  })
}
