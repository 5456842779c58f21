import { createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { SaveSettingsVersionInput, saveSettingsVersionStep } from "../steps/save-settings-version"

export const saveSettingsWorkflowId = "save-settings"

/** Saves (or resets, or restores) one settings area as its next version, on behalf of an admin. */
export const saveSettingsWorkflow = createWorkflow(saveSettingsWorkflowId, (input: SaveSettingsVersionInput) => {
  return new WorkflowResponse(saveSettingsVersionStep(input))
})
