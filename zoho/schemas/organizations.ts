/**
 * Organizations (`GET /organizations`, `GET /organizations/{id}`). Read from api-evangelist/zoho-inventory
 * `openapi/zoho-inventory-organizations-api-openapi.yml` (list_organizations, get_organization). The
 * list is not paged (no page_context); `organization_id` is the only call without `organization_id`.
 */
import * as z from 'zod';
import { entityAnswer, zohoId } from './common';

export const organization = z.looseObject({
  organization_id: zohoId,
  name: z.string().min(1),
  contact_name: z.string().optional(),
  email: z.string().optional(),
  is_default_org: z.boolean().optional(),
  plan_type: z.number().optional(),
  tax_group_enabled: z.boolean().optional(),
  plan_name: z.string().optional(),
  language_code: z.string().optional(),
  fiscal_year_start_month: z.number().optional(),
  account_created_date: z.string().optional(),
  time_zone: z.string().optional(),
  is_org_active: z.boolean().optional(),
  currency_id: z.string().optional(),
  currency_code: z.string().optional(),
  currency_symbol: z.string().optional(),
  currency_format: z.string().optional(),
  price_precision: z.number().optional(),
});

export const organizationListAnswer = z.looseObject({ code: z.literal(0), message: z.string(), organizations: z.array(organization) });
export const organizationAnswer = entityAnswer('organization', organization);
/** `GET /organizations` takes no parameters (an `organization_id` sent anyway is harmless). */
export const organizationListQuery = z.strictObject({ organization_id: zohoId.optional() });
