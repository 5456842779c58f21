import { Button, Drawer, Heading, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { useEraseCustomer, useExportCustomer } from "../../hooks/api/customer-actions"
import type { AdminErasure, AdminErasurePlatform } from "../../lib/types"
import { timeOf } from "./format"

type Customer = { id: string; email: string | null }

/** Per platform: the stop calls it was sent and what it still holds, to delete there by hand. */
export const PlatformsStillHolding = ({ platforms }: { platforms: (AdminErasurePlatform & { id: string })[] }) => (
  <div className="divide-y" data-testid="erasure-platforms">
    {platforms.map((platform) => (
      <div key={platform.id} className="flex flex-col gap-y-1 py-3">
        <Text size="small" weight="plus">
          {platform.name}
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {platform.stop_calls.length ? `Told to stop: ${platform.stop_calls.join(", ")}` : "No call sent"}
        </Text>
        <Text size="xsmall">
          {platform.still_held.length
            ? `Still holds: ${platform.still_held.join("; ")}`
            : "Holds nothing more of the customer"}
        </Text>
      </div>
    ))}
  </div>
)

export const erasedBy = (erasure: AdminErasure) =>
  erasure.erased_by.name || erasure.erased_by.email || `${erasure.erased_by.type} ${erasure.erased_by.id}`

/** "Erased on … by …": shown on the customer page while the erasure is in force. */
export const ErasureNotice = ({ erasure }: { erasure: AdminErasure }) => {
  const platforms = Object.entries(erasure.platforms ?? {}).map(([id, platform]) => ({ id, ...platform }))
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="erasure-notice">
      <Text size="small" weight="plus">
        Erased on {timeOf(erasure.erased_at)} by {erasedBy(erasure)}
      </Text>
      <Text size="small" className="text-ui-fg-subtle">
        The plugin holds nothing more of this customer; nothing is written for them until they act again themselves (an
        order, a change to their profile or consents).
      </Text>
      {!!platforms.length && <PlatformsStillHolding platforms={platforms} />}
    </div>
  )
}

/**
 * Export (a JSON file named after the customer) and Erase (the owner types the customer's email),
 * neither once the customer is erased; the erasure's result stays open until the owner closes it.
 */
export const CustomerPrivacyActions = ({
  customer,
  canExport,
  erased,
}: {
  customer: Customer
  canExport: boolean
  erased: boolean
}) => {
  const prompt = usePrompt()
  const [result, setResult] = useState<Parameters<typeof PlatformsStillHolding>[0]["platforms"] | null>(null)
  const exporting = useExportCustomer(customer)
  const erase = useEraseCustomer(customer.id, {
    onSuccess: (answer) => {
      toast.success("Customer erased")
      setResult(answer.platforms)
    },
  })
  const confirmErase = async () => {
    const email = customer.email ?? customer.id
    const confirmed = await prompt({
      title: "Erase this customer?",
      description:
        "Everything the plugin holds about them is erased or anonymised, their waiting calls are canceled and each platform is told to stop. This cannot be undone.",
      verificationText: email,
      verificationInstruction: "Type {val} to confirm:",
      confirmText: "Erase",
    })
    if (confirmed) {
      erase.mutate(email, { onError: (error) => toast.error(error.message) })
    }
  }
  return (
    <>
      {canExport && !erased && (
        <Button
          size="small"
          variant="secondary"
          isLoading={exporting.isPending}
          onClick={() =>
            exporting.mutate(undefined, {
              onSuccess: (file) => toast.success(`Exported to ${file}`),
              onError: (error) => toast.error(error.message),
            })
          }
        >
          Export
        </Button>
      )}
      {!erased && (
        <Button size="small" variant="danger" isLoading={erase.isPending} onClick={confirmErase}>
          Erase
        </Button>
      )}
      <Drawer open={!!result} onOpenChange={(open) => !open && setResult(null)}>
        <Drawer.Content>
          <Drawer.Header>
            <Drawer.Title asChild>
              <Heading>Customer erased</Heading>
            </Drawer.Title>
            <Drawer.Description>What each platform was told, and what to delete there by hand.</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body>{result && <PlatformsStillHolding platforms={result} />}</Drawer.Body>
          <Drawer.Footer>
            <Drawer.Close asChild>
              <Button size="small">Done</Button>
            </Drawer.Close>
          </Drawer.Footer>
        </Drawer.Content>
      </Drawer>
    </>
  )
}
