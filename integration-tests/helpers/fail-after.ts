import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"

const failAfterwardsStep = createStep("test-fail-afterwards", async () => {
  throw new Error("a later step failed")
})

/**
 * A test-only workflow that runs a shipped workflow as a step and then a step that fails, so the
 * shipped workflow's compensation must put back every record it changed. Nothing of this is in src/.
 */
export function thenFail(name: string, workflow: { runAsStep: (args: { input: any }) => unknown }) {
  return createWorkflow(`test-${name}-then-fail`, (input: any) => {
    workflow.runAsStep({ input })
    failAfterwardsStep()
    return new WorkflowResponse(undefined)
  })
}
