/**
 * The Create Order / Create Quote button, for the cart and the details screen alike: create the
 * document from the draft (order/create.ts), then go to the documents, or show what is wrong.
 */
import { useState } from 'preact/hooks';
import { go } from '../router';
import type { DraftProblems } from './checks';
import { createDocument } from './create';

export interface CreateDocument {
  /** What stopped the last try (undefined until one fails). */
  problems: DraftProblems | undefined;
  /** A try is running: the button waits. */
  busy: boolean;
  create(): Promise<void>;
}

export function useCreateDocument(): CreateDocument {
  const [problems, setProblems] = useState<DraftProblems>();
  const [busy, setBusy] = useState(false);

  const create = async () => {
    setBusy(true);
    const result = await createDocument();
    setBusy(false);
    if (result.ok) go({ name: 'documents' });
    else {
      setProblems(result.problems);
      // After the render that shows them: the summary may be above the fold.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="draft-problems"]')?.scrollIntoView({ block: 'nearest' }));
    }
  };

  return { problems, busy, create };
}
