/**
 * Whether a mapping may be saved. Refused, each time with the row and the reason:
 * - the document does not fit the schema;
 * - a template or a JSONata expression does not compile;
 * - a row names a Zoho field the target does not have (targets.json `catalogue`), or a custom field
 *   the organization does not have;
 * - two rows fill the same field;
 * - its output for the sample order (or customer) fails a row, or lacks a required field of the target.
 */
import type { ZodIssue } from 'zod';
import { applyContactMapping, applyMapping, type ApplyOptions, type MappingProblem, type MappingResult } from './apply';
import { expressionCompileError } from './expression';
import { SAMPLE_CONTEXT, SAMPLE_CUSTOMER, SAMPLE_ORDER } from './sample';
import { isCustomFieldRow, isDocumentTarget, MappingSchema, rowField, type FieldRow, type Mapping } from './schema';
import { targetFields } from './targets';
import { templateCompileError } from './template';

/** A custom field as the organization defines it (Zoho's settings; see zoho/connector/resources/custom-fields.ts). */
export interface OrganizationCustomField {
  customfield_id: string;
  api_name: string;
  label: string;
  data_type?: string;
  is_active?: boolean;
}

/** A refusal. `index` is -1 when no row is to blame (a required field no row fills, a document-level error). */
export type ValidationProblem = Omit<MappingProblem, 'list'> & { list: MappingProblem['list'] | 'document' };

export interface ValidationOptions extends ApplyOptions {
  /** The organization's custom fields for the target's entity; undefined when Zoho could not be asked. */
  customFields?: OrganizationCustomField[];
}

export interface Validation {
  mapping?: Mapping;
  problems: ValidationProblem[];
  /** The sample's payload, when the mapping got that far. */
  sample?: MappingResult;
}

type Issue = { code?: string; path: PropertyKey[]; message: string; errors?: Issue[][] };

/**
 * A union (row kinds, source kinds) fails as "Invalid input": say instead what the branch that got
 * furthest says, e.g. `source.lookup.table: Invalid input: expected record, received string`.
 */
function explain(issue: Issue, prefer?: number): Issue {
  if (issue.code !== 'invalid_union' || !issue.errors?.length) return issue;
  // A row says which kind it is by its keys: explain that kind's failure.
  const chosen = prefer !== undefined ? issue.errors[prefer] : undefined;
  if (chosen?.length) {
    const inner = explain(chosen[0]!);
    return { ...inner, path: [...issue.path, ...inner.path] };
  }
  const branches = issue.errors
    .filter((branch) => branch.length)
    .map((branch) => explain(branch[0]!))
    .map((i) => ({ ...i, path: [...issue.path, ...i.path] }))
    .sort((a, b) => b.path.length - a.path.length);
  const [best, second] = branches;
  // No branch got further than the others: the kind itself is unknown.
  if (!best || (second && second.path.length === best.path.length)) {
    const message =
      issue.path.at(-1) === 'source'
        ? 'must be one of { path }, { value }, { template }, { lookup: { path, table, default? } }, { expression }'
        : 'must be a row { zoho, source } or { customField: { api_name | customfield_id }, source }';
    return { ...issue, message };
  }
  return best;
}

function schemaProblems(input: unknown, issues: ZodIssue[]): ValidationProblem[] {
  return issues.map((zodIssue) => {
    const [list, index] = zodIssue.path;
    const isRow = (list === 'fields' || list === 'lineFields') && typeof index === 'number';
    const raw = isRow ? ((input as Record<string, unknown[]> | null)?.[list as string]?.[index as number] as Record<string, unknown> | undefined) : undefined;
    // Row unions: [standard, customField] for fields; line fields are standard rows only.
    const prefer =
      isRow && zodIssue.path.length === 2 && list === 'fields' && raw && typeof raw === 'object'
        ? 'customField' in raw
          ? 1
          : 'zoho' in raw
            ? 0
            : undefined
        : undefined;
    const issue = explain(zodIssue as unknown as Issue, prefer);
    if (isRow) {
      const custom = raw?.customField as Record<string, unknown> | undefined;
      const zohoField = typeof raw?.zoho === 'string' ? raw.zoho : custom ? `custom_fields.${String(custom.api_name ?? custom.customfield_id ?? '?')}` : '?';
      const where = issue.path.slice(2).map(String).join('.');
      return { row: `${list}[${index}]`, list, index, zohoField, message: `${where ? `${where}: ` : ''}${issue.message}` };
    }
    return { row: issue.path.map(String).join('.') || '(document)', list: 'document', index: -1, zohoField: '', message: issue.message };
  });
}

function rowProblems(mapping: Mapping, customFields: OrganizationCustomField[] | undefined): ValidationProblem[] {
  const catalogue = targetFields(mapping.target);
  const problems: ValidationProblem[] = [];
  const check = (list: 'fields' | 'lineFields', rows: FieldRow[], known: string[]) => {
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      const zohoField = rowField(row);
      const problem = (message: string) => problems.push({ row: `${list}[${index}]`, list, index, zohoField, message });
      if (isCustomFieldRow(row)) {
        const entity = catalogue.customFieldEntity;
        if (!customFields) problem(`the organization's ${entity} custom fields could not be read from Zoho; try again`);
        else {
          const ref = row.customField;
          const found = customFields.find((cf) => ('api_name' in ref ? cf.api_name === ref.api_name : cf.customfield_id === ref.customfield_id));
          if (!found) problem(`the organization has no ${entity} custom field ${zohoField.slice('custom_fields.'.length)}`);
          else if (found.is_active === false) problem(`custom field ${found.label} is inactive in Zoho`);
        }
      } else if (!known.includes(row.zoho)) {
        problem(`${mapping.target} has no ${list === 'lineFields' ? 'line item ' : ''}field ${row.zoho}`);
      }
      const earlier = seen.get(zohoField);
      if (earlier !== undefined) problem(`${list}[${earlier}] already fills ${zohoField}`);
      else seen.set(zohoField, index);
      const source = row.source;
      const compileError =
        'template' in source ? templateCompileError(source.template) : 'expression' in source ? expressionCompileError(source.expression) : undefined;
      if (compileError) problem(compileError);
    });
  };
  check('fields', mapping.fields, catalogue.fields);
  check('lineFields', mapping.lineFields, catalogue.lineFields);
  return problems;
}

/** The rows that fill each field, so a missing required field can be blamed on its row. */
function rowFilling(rows: FieldRow[], field: string): number {
  return rows.findIndex((r) => !isCustomFieldRow(r) && r.zoho === field);
}

function requiredProblems(mapping: Mapping, result: MappingResult): ValidationProblem[] {
  const catalogue = targetFields(mapping.target);
  const problems: ValidationProblem[] = [];
  const already = new Set(result.problems.map((p) => `${p.list}:${p.zohoField}`));
  for (const field of catalogue.required) {
    if (result.payload[field] !== undefined || already.has(`fields:${field}`)) continue;
    const index = rowFilling(mapping.fields, field);
    problems.push({
      row: index >= 0 ? `fields[${index}]` : '(no row)',
      list: 'fields',
      index,
      zohoField: field,
      message: index >= 0 ? `${field} is required by Zoho but this row gives it no value for the sample` : `${field} is required by Zoho and no row fills it`,
    });
  }
  for (const field of catalogue.requiredLineFields) {
    if (already.has(`lineFields:${field}`)) continue;
    const line = (result.payload.line_items ?? []).findIndex((l) => l[field] === undefined);
    if (line < 0) continue;
    const index = rowFilling(mapping.lineFields, field);
    problems.push({
      row: index >= 0 ? `lineFields[${index}]` : '(no row)',
      list: 'lineFields',
      index,
      zohoField: field,
      line: line + 1,
      message:
        index >= 0
          ? `${field} is required on every line but this row gives line ${line + 1} no value`
          : `${field} is required on every line and no row fills it`,
    });
  }
  return problems;
}

/** Apply to the sample (order or customer) of the mapping's target. */
export function applyToSample(mapping: Mapping, opts: ApplyOptions = {}): Promise<MappingResult> {
  return isDocumentTarget(mapping.target) ? applyMapping(mapping, SAMPLE_ORDER, SAMPLE_CONTEXT, opts) : applyContactMapping(mapping, SAMPLE_CUSTOMER, opts);
}

/** Every reason this mapping cannot be saved (none: it may be). Pass `result` to judge a payload other than the sample's. */
export async function validateMapping(input: unknown, opts: ValidationOptions = {}, result?: (m: Mapping) => Promise<MappingResult>): Promise<Validation> {
  const parsed = MappingSchema.safeParse(input);
  if (!parsed.success) return { problems: schemaProblems(input, parsed.error.issues) };
  const mapping = parsed.data;
  const problems = rowProblems(mapping, opts.customFields);
  // Rows that do not compile would only fail again when applied.
  if (problems.some((p) => /does not compile/.test(p.message))) return { mapping, problems };
  const sample = await (result ? result(mapping) : applyToSample(mapping, opts));
  problems.push(...sample.problems, ...requiredProblems(mapping, sample));
  return { mapping, problems, sample };
}
