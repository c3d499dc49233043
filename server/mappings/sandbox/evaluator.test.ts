/**
 * The mapping sandbox on its own: hostile expressions and templates (each of which hung or killed
 * the hub when evaluated in process) are stopped at the deadline or the memory cap, the refusal
 * names the row, the process is replaced, this process stays responsive throughout, and an
 * evaluation on a free process never waits for a runaway.
 */
import { performance } from 'node:perf_hooks';
import { applyMapping, defaultMapping, SAMPLE_CONTEXT, SAMPLE_ORDER, type FieldSource, type Mapping } from '../../../mappings';
import { AppError } from '../../errors';
import { createMappingEvaluator, type MappingEvaluator } from './evaluator';

const DEADLINE_MS = 800;
const base = defaultMapping('inventory.salesorder');
/** The default mapping plus one row filling `terms` (fields[8]) from `source`. */
const withTerms = (source: FieldSource): Mapping => ({ ...base, fields: [...base.fields, { zoho: 'terms', source }] });
const ROW = `fields[${base.fields.length}]`;

/** The longest the event loop was blocked while `work` ran (sampled every 10 ms). */
async function maxLoopLag<T>(work: Promise<T>): Promise<{ lagMs: number; outcome: T | Error }> {
  let lagMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last - 10);
    last = now;
  }, 10);
  const outcome = await work.catch((err: Error) => err);
  clearInterval(timer);
  return { lagMs, outcome };
}

describe('mapping sandbox', () => {
  let evaluator: MappingEvaluator;

  beforeAll(async () => {
    evaluator = createMappingEvaluator({ deadlineMs: DEADLINE_MS, memoryMb: 64, poolSize: 3, maxOutputChars: 64 * 1024 });
    await evaluator.ready();
  });
  afterAll(() => evaluator?.close());

  it('gives the same payload as the mapping applied in process', async () => {
    expect(await evaluator.applyMapping(base, SAMPLE_ORDER, SAMPLE_CONTEXT)).toEqual(await applyMapping(base, SAMPLE_ORDER, SAMPLE_CONTEXT));
  });

  const hostile: Array<[string, FieldSource, RegExp]> = [
    // On a busy machine the heap may not fill before the deadline: either stop will do.
    ['a string too big for memory', { expression: '$length($pad("", 200000000))' }, /more than 64 MB of memory|took longer than 800 ms/],
    ['a backtracking regular expression', { expression: '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' }, /took longer than 800 ms/],
    ['six nested {{#each @root}}', { template: `${'{{#each @root}}'.repeat(6)}x${'{{/each}}'.repeat(6)}` }, /took longer than 800 ms/],
  ];

  it.each(hostile)('stops %s at its row, within the deadline, without blocking this process', async (_what, source, why) => {
    await evaluator.ready();
    const started = performance.now();
    const { lagMs, outcome } = await maxLoopLag(evaluator.applyMapping(withTerms(source), SAMPLE_ORDER, SAMPLE_CONTEXT));
    const tookMs = performance.now() - started;
    expect(outcome).toBeInstanceOf(AppError);
    const err = outcome as AppError;
    expect(err).toMatchObject({ kind: 'invalid', code: 'mapping_stopped' });
    expect(err.message).toMatch(new RegExp(`^${ROW.replace(/[[\]]/g, '\\$&')} \\(terms\\): `));
    expect(err.message).toMatch(why);
    expect(err.fields?.[0]).toMatchObject({ path: ROW, row: ROW, zohoField: 'terms' });
    expect(tookMs).toBeLessThan(DEADLINE_MS + 3000);
    expect(lagMs).toBeLessThan(DEADLINE_MS / 2); // blocked, it would lag for the whole evaluation
    // The process that ran it was replaced: the next evaluation works.
    expect((await evaluator.applyMapping(base, SAMPLE_ORDER, SAMPLE_CONTEXT)).problems).toEqual([]);
  });

  it('names the line of a line row it had to stop', async () => {
    await evaluator.ready();
    const mapping: Mapping = {
      ...base,
      lineFields: [
        ...base.lineFields,
        { zoho: 'description', source: { expression: 'quantity = 1 ? $contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/) : "x"' } },
      ],
    };
    const err = (await evaluator.applyMapping(mapping, SAMPLE_ORDER, SAMPLE_CONTEXT).catch((e: unknown) => e)) as AppError;
    const row = `lineFields[${base.lineFields.length}]`;
    expect(err.message).toMatch(`${row} (description) on line 2: took longer than ${DEADLINE_MS} ms`);
    expect(err.fields?.[0]).toMatchObject({ path: row, line: 2 });
  });

  it('refuses a payload larger than the output bound, naming the row that made it', async () => {
    await evaluator.ready();
    // A few thousand names of the order's fields: quick to make, too big to send.
    const huge = withTerms({ template: '{{#each @root}}{{#each @root}}{{#each @root}}{{@key}} {{@key}} {{@key}} {{/each}}{{/each}}{{/each}}' });
    const err = (await evaluator.applyMapping(huge, SAMPLE_ORDER, SAMPLE_CONTEXT).catch((e: unknown) => e)) as AppError;
    expect(err).toMatchObject({ code: 'mapping_stopped' });
    expect(err.message).toMatch(new RegExp(`^${ROW.replace(/[[\]]/g, '\\$&')} \\(terms\\): the payload is \\d+ characters of JSON, more than 65536`));
  });

  it('runs an evaluation on a free process while runaways hold the others', async () => {
    await evaluator.ready();
    const runaway = withTerms({ expression: '$contains("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a+)+$/)' });
    const runaways = [1, 2].map(() => evaluator.applyMapping(runaway, SAMPLE_ORDER, SAMPLE_CONTEXT).catch((e: unknown) => e));
    await new Promise((r) => setTimeout(r, 50));
    const started = performance.now();
    expect((await evaluator.applyMapping(base, SAMPLE_ORDER, SAMPLE_CONTEXT)).problems).toEqual([]);
    expect(performance.now() - started).toBeLessThan(DEADLINE_MS / 2);
    for (const err of await Promise.all(runaways)) expect(err).toMatchObject({ code: 'mapping_stopped' });
  });

  it('gives the mapping nothing of the environment it runs in', async () => {
    process.env.SATCHEL_SANDBOX_PROBE = 'secret';
    const probe = await evaluator.applyMapping(withTerms({ expression: '$string($keys($))' }), SAMPLE_ORDER, SAMPLE_CONTEXT);
    expect(JSON.stringify(probe.payload)).not.toContain('secret');
    delete process.env.SATCHEL_SANDBOX_PROBE;
  });
});
