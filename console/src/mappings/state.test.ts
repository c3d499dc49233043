/** The mappings screen's transitions, without a browser: what each action changes, and what it leaves alone. */
import { defaultMapping } from '../../../mappings/defaults';
import type { MappingPreview, MappingVersion, ValidationProblem } from './api';
import { initialState, mappingScreenReducer, type MappingAction, type MappingScreenState } from './state';

const inventory = defaultMapping('inventory.salesorder');
const books = defaultMapping('books.salesorder');

const version = (over: Partial<MappingVersion>): MappingVersion => ({
  target: 'inventory.salesorder',
  version: 0,
  document: inventory as unknown as Record<string, unknown>,
  author: null,
  restoredFrom: null,
  createdAt: null,
  active: true,
  ...over,
});

const problem = (index: number, message: string): ValidationProblem => ({ row: `fields[${index}]`, list: 'fields', index, zohoField: 'notes', message });
const preview = (problems: ValidationProblem[] = []): MappingPreview => ({
  target: 'inventory.salesorder',
  source: { kind: 'sample' },
  payload: { notes: 'n' },
  problems,
});

const run = (actions: MappingAction[], from: MappingScreenState = initialState) => actions.reduce(mappingScreenReducer, from);

const active = [version({}), version({ target: 'books.salesorder', version: 3, document: books as unknown as Record<string, unknown> })];
const loaded = run([{ type: 'mappingsLoaded', target: 'inventory.salesorder', active, versions: [version({})] }]);

describe('the mappings screen state', () => {
  it('starts on the Inventory sales order, with nothing loaded and nothing under way', () => {
    expect(initialState).toEqual(
      expect.objectContaining({
        target: 'inventory.salesorder',
        doc: undefined,
        active: [],
        versions: [],
        orderId: '',
        saveProblems: [],
        busy: false,
        message: undefined,
      }),
    );
  });

  it('a load edits the active version of the loaded target and forgets the last save’s refusals', () => {
    const refused = { ...initialState, saveProblems: [problem(1, 'no')] };
    const state = run([{ type: 'mappingsLoaded', target: 'books.salesorder', active, versions: [active[1]!] }], refused);
    expect(state.doc).toEqual(books);
    expect(state.active).toBe(active);
    expect(state.versions).toEqual([active[1]]);
    expect(state.saveProblems).toEqual([]);
    // A target with no active version (yet): nothing to edit.
    expect(run([{ type: 'mappingsLoaded', target: 'contact', active, versions: [] }]).doc).toBeUndefined();
  });

  it('picking a target clears the last target’s message and diff, and keeps the edits until the load', () => {
    const before: MappingScreenState = { ...loaded, message: { ok: true, text: 'Saved' }, diff: { from: 0, to: 1, settings: [], rows: [] } };
    const state = run([{ type: 'targetPicked', target: 'books.salesorder' }], before);
    expect(state.target).toBe('books.salesorder');
    expect(state.message).toBeUndefined();
    expect(state.diff).toBeUndefined();
    expect(state.doc).toBe(loaded.doc);
  });

  it('an edit replaces the document; the preview order is picked on its own', () => {
    const edited = { ...inventory, status: 'confirmed' as const };
    const state = run(
      [
        { type: 'documentEdited', doc: edited },
        { type: 'previewOrderPicked', orderId: 'order-7' },
      ],
      loaded,
    );
    expect(state.doc).toBe(edited);
    expect(state.orderId).toBe('order-7');
    expect(state.versions).toBe(loaded.versions);
  });

  it('a failed preview keeps the last good one on screen; the next good one clears the error', () => {
    const good = preview();
    const failed = run(
      [
        { type: 'previewLoaded', preview: good },
        { type: 'previewFailed', error: 'hub down' },
      ],
      loaded,
    );
    expect(failed.preview).toBe(good);
    expect(failed.previewError).toBe('hub down');
    const next = preview([problem(0, 'bad')]);
    const recovered = run([{ type: 'previewLoaded', preview: next }], failed);
    expect(recovered.preview).toBe(next);
    expect(recovered.previewError).toBeUndefined();
  });

  it('an action is busy from start to end, and its outcome is the message', () => {
    const started = run([{ type: 'actionStarted' }], { ...loaded, message: { ok: false, text: 'old' } });
    expect(started.busy).toBe(true);
    expect(started.message).toBeUndefined();
    const done = run([{ type: 'actionSucceeded', text: 'Saved as version 1; it is now active.' }], started);
    expect(done.busy).toBe(false);
    expect(done.message).toEqual({ ok: true, text: 'Saved as version 1; it is now active.' });
  });

  it('a refused save shows its problems at their rows; any other failure leaves the rows’ problems as they were', () => {
    const problems = [problem(2, 'expression does not compile')];
    const refused = run([{ type: 'actionStarted' }, { type: 'actionFailed', text: 'The mapping was not saved', saveProblems: problems }], loaded);
    expect(refused.busy).toBe(false);
    expect(refused.message).toEqual({ ok: false, text: 'The mapping was not saved' });
    expect(refused.saveProblems).toBe(problems);
    const offline = run([{ type: 'actionStarted' }, { type: 'actionFailed', text: 'Failed to fetch' }], refused);
    expect(offline.message).toEqual({ ok: false, text: 'Failed to fetch' });
    expect(offline.saveProblems).toBe(problems);
  });

  it('the catalogue, orders and a diff land as they come; a failed request is the message and changes nothing else', () => {
    const diff = { from: 1, to: 2, settings: [], rows: [] };
    const state = run(
      [
        { type: 'catalogueLoaded', catalogue: {} },
        { type: 'ordersLoaded', orders: [] },
        { type: 'diffLoaded', diff },
      ],
      loaded,
    );
    expect(state.catalogue).toEqual({});
    expect(state.diff).toBe(diff);
    const failed = run([{ type: 'requestFailed', text: 'Not found' }], state);
    expect(failed).toEqual({ ...state, message: { ok: false, text: 'Not found' } });
  });

  it('does not change the state it is given', () => {
    const frozen = Object.freeze({ ...loaded });
    expect(() =>
      run([{ type: 'targetPicked', target: 'contact' }, { type: 'actionStarted' }, { type: 'actionFailed', text: 'x', saveProblems: [] }], frozen),
    ).not.toThrow();
    expect(frozen.target).toBe('inventory.salesorder');
  });
});
