import type { ContactAddress } from "../../../provider-api/types"

export interface CustomerAddressForIdentity {
  address_1?: string | null
  address_2?: string | null
  city?: string | null
  province?: string | null
  postal_code?: string | null
  country_code?: string | null
  is_default_billing?: boolean | null
  is_default_shipping?: boolean | null
}

export interface CustomerForIdentity {
  id: string
  email: string | null
  phone: string | null
  first_name: string | null
  last_name: string | null
  metadata: Record<string, unknown> | null
  addresses?: (CustomerAddressForIdentity | null)[] | null
}

/** The profile fields that follow the Medusa customer. */
export const IDENTITY_FIELDS = ["email", "phone", "first_name", "last_name", "language", "address"] as const
export type ContactIdentity = {
  email: string | null
  phone: string | null
  first_name: string | null
  last_name: string | null
  language: string | null
  address: ContactAddress | null
}

/** The customer's default billing address, else default shipping, else the first one. */
export function mainAddressOf(addresses: CustomerForIdentity["addresses"]): ContactAddress | null {
  const known = (addresses ?? []).filter((address): address is CustomerAddressForIdentity => !!address)
  const main = known.find((a) => a.is_default_billing) ?? known.find((a) => a.is_default_shipping) ?? known[0]
  if (!main) {
    return null
  }
  return {
    address_1: main.address_1 || null,
    address_2: main.address_2 || null,
    city: main.city || null,
    province: main.province || null,
    postal_code: main.postal_code || null,
    country_code: main.country_code ? main.country_code.toUpperCase() : null,
  }
}

/** What the profile should say about the person, from the Medusa customer. */
export function identityOf(customer: CustomerForIdentity, languageKey = "language"): ContactIdentity {
  const language = customer.metadata?.[languageKey]
  return {
    email: customer.email || null,
    phone: customer.phone ? customer.phone.replace(/\s+/g, "") : null,
    first_name: customer.first_name || null,
    last_name: customer.last_name || null,
    language:
      typeof language === "string" && /^[a-z]{2}$/i.test(language.trim()) ? language.trim().toLowerCase() : null,
    address: mainAddressOf(customer.addresses),
  }
}
