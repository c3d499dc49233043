/**
 * A scanned code to the items it names. Zoho keeps UPC-A (12 digits), EAN-13 and ISBN-13 apart,
 * but a UPC-A is an EAN-13 with a leading 0, and detectors report either spelling: both are looked
 * up. A SKU label (Code 128) matches the SKU itself.
 */
export function codeSpellings(raw: string): string[] {
  const code = raw.trim();
  if (/^\d{12}$/.test(code)) return [code, `0${code}`];
  if (/^0\d{12}$/.test(code)) return [code, code.slice(1)];
  return code ? [code] : [];
}
