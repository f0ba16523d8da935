// The Partner Center REST resources as they come over the wire (shared/domain/README.md §3; field names
// exact). Parsed leniently (unknown fields pass) but the fields the gateway uses are checked, so a
// changed answer fails loudly at the edge instead of as a wrong price three layers up.
import { z } from 'zod';

const id = z.union([z.string(), z.number()]).transform(String);

/** Every Partner Center collection: `{totalCount, items, links?, continuationToken?}`. */
export const collection = <T extends z.ZodType>(item: T) =>
  z.looseObject({
    totalCount: z.number().int().nonnegative().optional(),
    items: z.array(item),
    continuationToken: z.string().nullish(),
  });

export const WireCustomer = z.looseObject({
  id: z.string(),
  companyProfile: z.looseObject({
    tenantId: z.string().optional(),
    domain: z.string().optional(),
    companyName: z.string(),
  }),
  billingProfile: z
    .looseObject({ defaultAddress: z.looseObject({ country: z.string().length(2) }).partial().optional() })
    .optional(),
  /** The indirect reseller the customer was sold through (its tenant id), for an indirect provider. */
  associatedPartnerId: z.string().nullish(),
});
export type WireCustomer = z.infer<typeof WireCustomer>;

export const WireAgreement = z.looseObject({ type: z.string(), dateAgreed: z.string().optional(), templateId: z.string().optional() });

export const WireDirectSignStatus = z.looseObject({ isSigned: z.boolean() });

/** `GET /customers/{c}/qualifications`: `{qualification, vettingStatus}` items (a bare list, or a collection). */
const WireQualification = z.looseObject({ qualification: z.string(), vettingStatus: z.string().default('') });
export const WireQualifications = z
  .union([z.array(WireQualification), collection(WireQualification)])
  .transform((q) => (Array.isArray(q) ? q : q.items));
export type WireQualifications = z.infer<typeof WireQualifications>;

export const WireSubscription = z.looseObject({
  id: z.string(),
  offerId: z.string(),
  friendlyName: z.string().default(''),
  status: z.string(),
  billingType: z.string().optional(),
  partnerId: z.string().nullish(),
  orderId: z.string().nullish(),
});
export type WireSubscription = z.infer<typeof WireSubscription>;

export const WireAzureEntitlement = z.looseObject({
  id: z.string(),
  friendlyName: z.string().default('Azure subscription'),
  status: z.string(),
});

export const WireRegistrationStatus = z.looseObject({ status: z.string() });

export const WireRelationship = z.looseObject({
  id: z.string(),
  name: z.string(),
  mpnId: z.string().nullish(),
  state: z.string().optional(),
});

export const WireProduct = z.looseObject({
  id: z.string(),
  title: z.string(),
  description: z.string().default(''),
  productType: z.looseObject({ id: z.string(), subType: z.looseObject({ id: z.string() }).nullish() }).optional(),
});
export type WireProduct = z.infer<typeof WireProduct>;

const num = z.union([z.number(), z.string()]).transform((v) => (v === '' ? null : Number(v))).nullish();

export const WireSku = z.looseObject({
  id: z.string(),
  productId: z.string(),
  title: z.string(),
  minimumQuantity: z.number().int(),
  maximumQuantity: z.number().int(),
  supportedBillingCycles: z.array(z.string()).default(['one_time']),
  purchasePrerequisites: z.array(z.string()).default([]),
  provisioningVariables: z.array(z.string()).default([]),
  // Every key optional: a SKU without one the gateway needs is left out (toSku), not the whole list.
  dynamicAttributes: z.looseObject({
    armSkuName: z.string().optional(),
    armRegionName: z.string().optional(),
    region: z.string().optional(),
    duration: z.string().optional(),
    cores: num,
    ram: num,
    category: z.string().optional(),
    family: z.string().optional(),
    skuDisplayName: z.string().optional(),
  }),
});
export type WireSku = z.infer<typeof WireSku>;

export const WireAvailability = z.looseObject({
  id: z.string(),
  catalogItemId: z.string(),
  defaultCurrency: z.looseObject({ code: z.string(), symbol: z.string().default('') }),
  segment: z.string(),
  country: z.string(),
  isPurchasable: z.boolean(),
  terms: z.array(z.looseObject({ duration: z.string(), description: z.string().default('') })).default([]),
});
export type WireAvailability = z.infer<typeof WireAvailability>;

export const WireInventoryResult = z.looseObject({
  productId: z.string(),
  skuId: z.string(),
  isRestricted: z.boolean(),
  restrictions: z.array(z.looseObject({ reasonCode: z.string(), description: z.string().default('') })).default([]),
});
export const WireInventoryResults = z.union([z.array(WireInventoryResult), collection(WireInventoryResult)]);

export const WireCartLineError = z.looseObject({ errorCode: id, errorDescription: z.string().default('') });

export const WireCart = z.looseObject({
  id: z.string(),
  creationTimestamp: z.string().optional(),
  expirationTimestamp: z.string().optional(),
  status: z.string().optional(),
  lineItems: z
    .array(
      z.looseObject({
        id: z.union([z.number(), z.string()]),
        catalogItemId: z.string(),
        quantity: z.number(),
        orderGroup: id.optional(),
        error: WireCartLineError.nullish(),
      }),
    )
    .default([]),
});
export type WireCart = z.infer<typeof WireCart>;

export const WireOrderLine = z.looseObject({
  lineItemNumber: z.number().int(),
  offerId: z.string(),
  subscriptionId: z.string().nullish(),
  friendlyName: z.string().default(''),
  quantity: z.number().int(),
  termDuration: z.string().nullish(),
  partnerIdOnRecord: z.string().nullish(),
  provisioningContext: z.record(z.string(), z.string()).nullish(),
});

export const WireOrder = z.looseObject({
  id: z.string(),
  alternateId: z.string().nullish(),
  referenceCustomerId: z.string().optional(),
  billingCycle: z.string().optional(),
  currencyCode: z.string().optional(),
  lineItems: z.array(WireOrderLine).default([]),
  creationDate: z.string(),
  status: z.string(),
  totalPrice: z.number().nullish(),
});
export type WireOrder = z.infer<typeof WireOrder>;

export const WireCheckoutResult = z.looseObject({
  orders: z.array(WireOrder).default([]),
  orderErrors: z.array(z.looseObject({ orderGroupId: id, code: id, description: z.string().default('') })).default([]),
});

export const WireProvisioningStatus = collection(z.looseObject({ lineItemNumber: z.number().int(), status: z.string() }));
