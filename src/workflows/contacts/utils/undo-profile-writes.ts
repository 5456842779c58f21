import type EngagementModuleService from "../../../modules/engagement/service"

/** What a step that writes contact profiles must undo: the profiles it made, and the values it replaced. */
export interface ProfileWritesUndo {
  created: string[]
  previous: Record<string, unknown>[]
}

/** Compensation of the steps that write contact profiles. */
export async function undoProfileWrites(engagement: EngagementModuleService, undo: ProfileWritesUndo | undefined): Promise<void> {
  if (!undo) {
    return
  }
  if (undo.created.length) {
    await engagement.deleteContactProfiles(undo.created)
  }
  if (undo.previous.length) {
    await engagement.updateContactProfiles(undo.previous as { id: string }[])
  }
}
