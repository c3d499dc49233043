/**
 * Satchel's custom search attributes: what support staff filter on in the Temporal Web UI
 * (e.g. `SatchelStage = "needs_attention"`). Registered by the start command and the test setup;
 * production registration: workflows/README.md.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const SA_STAGE = defineSearchAttributeKey('SatchelStage', SearchAttributeType.KEYWORD);
export const SA_KIND = defineSearchAttributeKey('SatchelKind', SearchAttributeType.KEYWORD);
export const SA_DOCUMENT_NUMBER = defineSearchAttributeKey('SatchelDocumentNumber', SearchAttributeType.KEYWORD);
export const SA_CUSTOMER = defineSearchAttributeKey('SatchelCustomer', SearchAttributeType.TEXT);
export const SA_REP = defineSearchAttributeKey('SatchelRep', SearchAttributeType.KEYWORD);
export const SA_ZOHO_ID = defineSearchAttributeKey('SatchelZohoId', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_FLAGS = [SA_STAGE, SA_KIND, SA_DOCUMENT_NUMBER, SA_CUSTOMER, SA_REP, SA_ZOHO_ID];

/** `Name=Type` pairs for `temporal server start-dev --search-attribute`. */
export function searchAttributeCliArgs(): string[] {
  const cliType: Record<string, string> = {
    KEYWORD: 'Keyword',
    TEXT: 'Text',
    INT: 'Int',
    DOUBLE: 'Double',
    BOOL: 'Bool',
    DATETIME: 'Datetime',
    KEYWORD_LIST: 'KeywordList',
  };
  return SEARCH_ATTRIBUTE_FLAGS.flatMap((k) => ['--search-attribute', `${k.name}=${cliType[k.type] ?? k.type}`]);
}
