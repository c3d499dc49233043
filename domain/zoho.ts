/** The two Zoho back offices Satchel writes to, and the Zoho entities that carry custom fields. */
export type ZohoProduct = 'inventory' | 'books';

export const ZOHO_PRODUCTS: readonly ZohoProduct[] = ['inventory', 'books'];

/** The Zoho modules whose custom fields a mapping can fill (`GET /settings/customfields?module=`). */
export type CustomFieldEntity = 'salesorder' | 'estimate' | 'contact';
