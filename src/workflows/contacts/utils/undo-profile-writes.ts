import type EngagementModuleService from "../../../modules/engagement/service"

/** What a step that writes contact profiles must undo: the profiles it made, and the values it replaced. */
export interface ProfileWritesUndo {
  created: string[]
  previous: Record<string, unknown>[]
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date)

/**
 * Compensation of the steps that write contact profiles: deletes the profiles made and puts the
 * replaced values back exactly. Medusa's update merges a JSON object into the stored one (keys added
 * since would survive), so a JSON object is restored by first writing a non-object, which replaces.
 */
export async function undoProfileWrites(
  engagement: EngagementModuleService,
  undo: ProfileWritesUndo | undefined
): Promise<void> {
  if (!undo) {
    return
  }
  if (undo.created.length) {
    await engagement.deleteContactProfiles(undo.created)
  }
  // in reverse: a profile written twice gets its first values back
  for (const previous of [...undo.previous].reverse()) {
    const objects = Object.keys(previous).filter((key) => key !== "id" && isPlainObject(previous[key]))
    if (objects.length) {
      await engagement.updateContactProfiles({
        id: previous.id,
        ...Object.fromEntries(objects.map((key) => [key, []])),
      } as { id: string })
    }
    await engagement.updateContactProfiles(previous as { id: string })
  }
}
