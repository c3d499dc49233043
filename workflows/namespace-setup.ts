/**
 * Satchel's namespace and search attributes on a real Temporal server (the dev server gets them as
 * start flags): what the compose stack's temporal-setup job does with the CLI, done through the
 * client's gRPC services so `npm run stack:prod` and the production drills need no CLI. Idempotent.
 */
import type { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { SEARCH_ATTRIBUTE_FLAGS } from './search-attributes';

/** temporal.api.enums.v1.IndexedValueType, by the SDK's names for the types. */
const INDEXED_VALUE_TYPE: Record<string, number> = { TEXT: 1, KEYWORD: 2, INT: 3, DOUBLE: 4, BOOL: 5, DATETIME: 6, KEYWORD_LIST: 7 };
const NOT_FOUND = 5;

const grpcCode = (err: unknown) => (err as { code?: number }).code;

export async function ensureNamespace(connection: Connection, namespace: string, { retentionDays = 30, timeoutMs = 60_000 } = {}): Promise<void> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
  } catch (err) {
    if (grpcCode(err) !== NOT_FOUND) throw err;
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs(retentionDays * 86_400_000) });
  }
  // A new namespace reaches the frontend's cache within seconds (until then: NOT_FOUND). Done when
  // a visibility query by a Satchel attribute answers, so the first order meets a ready namespace.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const have = (await connection.operatorService.listSearchAttributes({ namespace })).customAttributes ?? {};
      const missing = Object.fromEntries(SEARCH_ATTRIBUTE_FLAGS.filter((k) => !(k.name in have)).map((k) => [k.name, INDEXED_VALUE_TYPE[k.type]!]));
      if (Object.keys(missing).length) await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
      await connection.workflowService.countWorkflowExecutions({ namespace, query: `${SEARCH_ATTRIBUTE_FLAGS[0]!.name} = 'ready'` });
      return;
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} not usable after ${timeoutMs / 1000} s: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
