/**
 * The mappings screen's state and its transitions, as one reducer: every change the screen makes
 * (a load, an edit, a save's outcome) is a named action here, and can be tested without a browser.
 */
import type { OrderSummary } from '../domain';
import type { Mapping, MappingDiff, MappingPreview, MappingTarget, MappingVersion, TargetCatalogue, ValidationProblem } from './api';

/** The changes between two versions, with the two version numbers. */
export type VersionDiff = MappingDiff & { from: number; to: number };

/** The line under the header: how the last action went. */
export interface StatusMessage {
  ok: boolean;
  text: string;
}

export interface MappingScreenState {
  target: MappingTarget;
  /** The Zoho fields each target can fill (undefined until loaded). */
  catalogue: Record<string, TargetCatalogue> | undefined;
  /** The active version of every mapping (and of the target settings). */
  active: MappingVersion[];
  /** The mapping being edited: the target's active one plus the unsaved edits. */
  doc: Mapping | undefined;
  versions: MappingVersion[];
  /** Recent orders to preview with; '' in orderId means the sample order. */
  orders: OrderSummary[];
  orderId: string;
  preview: MappingPreview | undefined;
  previewError: string | undefined;
  /** The hub's refusals of the last save, shown at their rows until the next load. */
  saveProblems: ValidationProblem[];
  message: StatusMessage | undefined;
  diff: VersionDiff | undefined;
  /** A save, roll back or settings change is under way: its buttons are disabled. */
  busy: boolean;
}

export type MappingAction =
  | { type: 'catalogueLoaded'; catalogue: Record<string, TargetCatalogue> }
  | { type: 'ordersLoaded'; orders: OrderSummary[] }
  | { type: 'targetPicked'; target: MappingTarget }
  | { type: 'mappingsLoaded'; target: MappingTarget; active: MappingVersion[]; versions: MappingVersion[] }
  | { type: 'documentEdited'; doc: Mapping }
  | { type: 'previewOrderPicked'; orderId: string }
  | { type: 'previewLoaded'; preview: MappingPreview }
  | { type: 'previewFailed'; error: string }
  | { type: 'actionStarted' }
  | { type: 'actionSucceeded'; text: string }
  | { type: 'actionFailed'; text: string; saveProblems?: ValidationProblem[] }
  | { type: 'diffLoaded'; diff: VersionDiff }
  | { type: 'requestFailed'; text: string };

export const initialState: MappingScreenState = {
  target: 'inventory.salesorder',
  catalogue: undefined,
  active: [],
  doc: undefined,
  versions: [],
  orders: [],
  orderId: '',
  preview: undefined,
  previewError: undefined,
  saveProblems: [],
  message: undefined,
  diff: undefined,
  busy: false,
};

export function mappingScreenReducer(state: MappingScreenState, action: MappingAction): MappingScreenState {
  switch (action.type) {
    case 'catalogueLoaded':
      return { ...state, catalogue: action.catalogue };
    case 'ordersLoaded':
      return { ...state, orders: action.orders };
    case 'targetPicked':
      // Another target: the last one's message and diff are no longer about what is on screen.
      return { ...state, target: action.target, diff: undefined, message: undefined };
    case 'mappingsLoaded':
      // A (re)load replaces the edits with the active version and forgets the last save's refusals.
      return {
        ...state,
        active: action.active,
        versions: action.versions,
        doc: action.active.find((a) => a.target === action.target)?.document as Mapping | undefined,
        saveProblems: [],
      };
    case 'documentEdited':
      return { ...state, doc: action.doc };
    case 'previewOrderPicked':
      return { ...state, orderId: action.orderId };
    case 'previewLoaded':
      return { ...state, preview: action.preview, previewError: undefined };
    case 'previewFailed':
      // The last good preview stays on screen under the error.
      return { ...state, previewError: action.error };
    case 'actionStarted':
      return { ...state, busy: true, message: undefined };
    case 'actionSucceeded':
      return { ...state, busy: false, message: { ok: true, text: action.text } };
    case 'actionFailed':
      return { ...state, busy: false, message: { ok: false, text: action.text }, saveProblems: action.saveProblems ?? state.saveProblems };
    case 'diffLoaded':
      return { ...state, diff: action.diff };
    case 'requestFailed':
      return { ...state, message: { ok: false, text: action.text } };
  }
}
