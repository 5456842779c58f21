import {
  Alert,
  Button,
  Checkbox,
  Container,
  Heading,
  Label,
  Prompt,
  Select,
  Text,
  toast,
  usePrompt,
} from "@medusajs/ui"
import { useState } from "react"
import {
  AdminSettingsArea,
  previewSettings,
  SettingsValues,
  useSettingsAreas,
  useSettingsMutation,
} from "../../hooks/api/settings"
import { useUrlState } from "../../hooks/use-url-state"
import { instant } from "./format"
import { SectionState } from "./section-state"
import { SettingsField } from "./settings-fields"
import { diffValues, fieldMessages } from "./settings-format"
import { SettingsHistory } from "./settings-history"

const AREA_NAMES: Record<string, string> = {
  "loyalty-earning": "Loyalty: earning",
  "loyalty-campaigns": "Loyalty: campaigns",
  "loyalty-tiers": "Loyalty: tiers",
  "loyalty-expiry": "Loyalty: expiry and debts",
  "loyalty-redemption": "Loyalty: redemption",
  "loyalty-referrals": "Loyalty: referrals",
  "loyalty-schemes": "Loyalty: reward schemes",
  "review-requests": "Review requests",
  "delivery-dry-run": "Platforms: dry-run",
}

const PREVIEW_WORDS: Record<string, string> = {
  scheduled_on_default_delay: "scheduled review requests on the delay being replaced",
  members_up: "members move up a tier",
  members_down: "members move down a tier",
  members_unchanged: "members keep their tier",
}

/**
 * One area's form: edit, see the API's messages inline (the preview route validates as a save
 * would, without saving), see the diff and the preview counts before saving, or reset to default.
 */
const AreaForm = ({ area }: { area: AdminSettingsArea }) => {
  const [values, setValues] = useState<SettingsValues>(area.values)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [preview, setPreview] = useState<Record<string, number> | null>(null)
  const [applyToScheduled, setApplyToScheduled] = useState(false)
  const [reviewing, setReviewing] = useState(false)
  const prompt = usePrompt()
  const save = useSettingsMutation(area.area, "save", {
    onSuccess: (result) =>
      toast.success(
        `Saved${result.scheduled_moved ? `: ${result.scheduled_moved} scheduled review requests moved` : ""}`
      ),
  })
  const changes = diffValues(area.values, values)

  const review = async () => {
    try {
      const answer = await previewSettings(area.area, values)
      setErrors({})
      setPreview(answer.preview)
      setReviewing(true)
    } catch (error) {
      setErrors(fieldMessages((error as Error).message))
    }
  }
  const confirm = () => {
    setReviewing(false)
    save.mutate(
      {
        version: area.version,
        values,
        ...(area.area === "review-requests" ? { apply_to_scheduled: applyToScheduled } : {}),
      },
      { onError: (error) => setErrors(fieldMessages(error.message)) }
    )
  }
  const reset = async () => {
    const confirmed = await prompt({
      title: "Reset to default?",
      description:
        "The options in medusa-config.ts apply again (saved as a new version; you can restore this one later).",
      confirmText: "Reset",
      cancelText: "Cancel",
    })
    if (confirmed) {
      save.mutate({ version: area.version, reset: true }, { onError: (error) => toast.error(error.message) })
    }
  }

  return (
    <div className="flex flex-col gap-4 px-6 py-4" data-area={area.area}>
      <Text size="small" className="text-ui-fg-subtle" data-status="version">
        {area.is_default
          ? "The options are in effect (never saved here, or reset)."
          : `Version ${area.version}, saved by ${area.saved_by?.email ?? `${area.saved_by?.actor_type} ${area.saved_by?.actor_id}`} on ${instant(area.saved_at)}: it wins over the options until reset.`}
      </Text>
      {area.refused_problems.length > 0 && (
        <Alert variant="warning" data-status="refused">
          {`Version ${area.version} no longer fits this version of the plugin (${area.refused_problems.join("; ")}). ` +
            "The options are in effect for this area until you save it again."}
        </Alert>
      )}
      {Object.entries(values).map(([key, value]) => (
        <SettingsField
          key={key}
          path={key}
          value={value}
          errors={errors}
          onChange={(next) => setValues({ ...values, [key]: next })}
        />
      ))}
      {errors[""] && (
        <Text size="small" className="text-ui-fg-error" role="alert">
          {errors[""]}
        </Text>
      )}
      <div className="flex gap-2">
        <Button size="small" disabled={!changes.length} isLoading={save.isPending} onClick={review}>
          Review and save
        </Button>
        <Button size="small" variant="secondary" disabled={!changes.length} onClick={() => setValues(area.values)}>
          Discard changes
        </Button>
        <Button size="small" variant="danger" disabled={area.is_default} onClick={reset}>
          Reset to default
        </Button>
      </div>
      <Prompt open={reviewing} onOpenChange={setReviewing}>
        <Prompt.Content>
          <Prompt.Header>
            <Prompt.Title>Save these changes?</Prompt.Title>
            <Prompt.Description asChild>
              <div className="flex flex-col gap-2" data-section="settings-diff">
                {changes.map((change) => (
                  <Text size="small" key={change.field} data-change={change.field}>
                    <span className="font-medium">{change.field}</span>: {change.before} → {change.after}
                  </Text>
                ))}
                {Object.entries(preview ?? {}).map(([key, value]) => (
                  <Text size="small" key={key} data-preview={key}>
                    {value} {PREVIEW_WORDS[key] ?? key}
                  </Text>
                ))}
                {area.area === "review-requests" && (
                  <div className="flex items-center gap-2">
                    <Checkbox
                      id="apply-to-scheduled"
                      checked={applyToScheduled}
                      onCheckedChange={(c) => setApplyToScheduled(c === true)}
                    />
                    <Label htmlFor="apply-to-scheduled" size="small">
                      Apply the new delay to scheduled requests ({preview?.scheduled_on_default_delay ?? 0})
                    </Label>
                  </div>
                )}
                <Text size="small" className="text-ui-fg-subtle">
                  Points already earned keep their rate; tiers are re-evaluated at each member's next order or
                  maintenance run.
                </Text>
              </div>
            </Prompt.Description>
          </Prompt.Header>
          <Prompt.Footer>
            <Prompt.Cancel>Cancel</Prompt.Cancel>
            <Prompt.Action onClick={confirm}>Save</Prompt.Action>
          </Prompt.Footer>
        </Prompt.Content>
      </Prompt>
    </div>
  )
}

/**
 * The programme's and the review requests' rules, edited by the owner. On the Engagement page rather
 * than in Medusa's Settings area: Medusa's settings routes configure the store itself (regions,
 * users, API keys), while these are the plugin's day-to-day programme rules, whose effect the owner
 * checks on the neighbouring tabs (the loyalty figures, the review requests, the delivery log).
 */
export const SettingsSection = () => {
  const { data, isLoading, error, refetch } = useSettingsAreas()
  const [selected, setSelected] = useUrlState("area", "loyalty-earning")
  const area = data?.settings.find((candidate) => candidate.area === selected)
  return (
    <Container className="divide-y p-0">
      <div className="flex flex-col items-start gap-2 px-6 py-4 sm:flex-row sm:items-center sm:justify-between">
        <Heading level="h2">Settings</Heading>
        <Select size="small" value={selected} onValueChange={setSelected}>
          <Select.Trigger aria-label="Settings area" className="w-full sm:w-64">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {(data?.settings ?? []).map((candidate) => (
              <Select.Item key={candidate.area} value={candidate.area}>
                {AREA_NAMES[candidate.area] ?? candidate.area}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <SectionState isLoading={isLoading} error={error} onRetry={refetch}>
        {/* a new version (saved, reset, restored) starts the form again from it */}
        {area && <AreaForm key={`${area.area}:${area.version}`} area={area} />}
        {area && <SettingsHistory area={area.area} version={area.version} />}
      </SectionState>
    </Container>
  )
}
