/**
 * The Create Order / Create Quote button, for the cart and the details screen alike: create the
 * document from the draft (order/create.ts), then go to the documents, or show what is wrong:
 * the form's problems, or pre-flight's blocks and warnings (Send anyway accepts the warnings shown).
 */
import { useState } from 'preact/hooks';
import { go } from '../router';
import type { DraftProblems } from './checks';
import { createDocument } from './create';
import type { Preflight } from './preflight';

export interface CreateDocument {
  /** What stopped the last try (undefined until one fails). */
  problems: DraftProblems | undefined;
  /** Pre-flight's findings when they stopped the last try. */
  preflight: Preflight | undefined;
  /** A try is running: the button waits. */
  busy: boolean;
  create(): Promise<void>;
  /** Send anyway: create it with the warnings shown accepted. */
  sendAnyway(): Promise<void>;
  /** Back to the order: the findings go away until the next try. */
  dismiss(): void;
}

export function useCreateDocument(): CreateDocument {
  const [problems, setProblems] = useState<DraftProblems>();
  const [preflight, setPreflight] = useState<Preflight>();
  const [busy, setBusy] = useState(false);

  const attempt = async (accept?: Preflight['warnings']) => {
    setBusy(true);
    const result = await createDocument(accept);
    setBusy(false);
    if (result.ok) {
      go({ name: 'documents' });
      return;
    }
    setProblems('problems' in result ? result.problems : undefined);
    setPreflight('preflight' in result ? result.preflight : undefined);
    // After the render that shows them: the summary may be above the fold.
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('[data-testid="draft-problems"], [data-testid="preflight"]')?.scrollIntoView({ block: 'nearest' }),
    );
  };

  return {
    problems,
    preflight,
    busy,
    create: () => attempt(),
    sendAnyway: () => attempt(preflight?.warnings),
    dismiss: () => setPreflight(undefined),
  };
}
