/**
 * Accessibility on every screen of the rep's app: axe-core injected into the page (as automation
 * runs script, so the hub's CSP does not stop it), run on the document, violations kept per screen.
 * The scenario fails on any serious or critical one; the tally by impact is printed for the record.
 */
import fs from 'node:fs';
import type { Driver } from './driver';

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

let source: string | undefined;
const axeSource = () => (source ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Proof that axe runs in this page at all (a silent injection failure would read as "no
 * violations"): an image without alt text, out of sight, must be reported, then it goes.
 */
async function selfCheck(d: Driver): Promise<void> {
  const found = await d.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: Array<{ id: string }> }> } }).axe;
    const probe = document.createElement('div');
    probe.setAttribute('style', 'position:absolute;left:-9999px');
    probe.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1">';
    document.body.append(probe);
    try {
      return (await axe.run(probe, { runOnly: ['image-alt'] })).violations.map((v) => v.id);
    } finally {
      probe.remove();
    }
  });
  if (!found.includes('image-alt')) throw new Error(`axe-core does not report in ${d.engine}: its self-check found ${JSON.stringify(found)}`);
}

export async function axeViolations(d: Driver): Promise<AxeViolation[]> {
  const loaded = await d.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) {
    await d.evaluateSource(axeSource());
    await selfCheck(d);
  }
  return d.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    // WCAG 2.0-2.2 A and AA (2.2 adds target size) and axe's best practices, not just its defaults.
    const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
    const result = await axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'unknown', help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

/** One run's findings, screen by screen. */
export class AxeLog {
  readonly screens = new Map<string, AxeViolation[]>();

  async check(d: Driver, screen: string): Promise<void> {
    this.screens.set(`${d.engine} ${screen}`, await axeViolations(d));
  }

  /** Violations by impact over every screen checked. */
  tally(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const list of this.screens.values()) for (const v of list) out[v.impact] = (out[v.impact] ?? 0) + 1;
    return out;
  }

  /** The serious and critical ones, as "screen: rule (targets)" lines. */
  blocking(): string[] {
    return [...this.screens].flatMap(([screen, list]) =>
      list
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${screen}: ${v.impact} ${v.id} — ${v.help} (${v.targets.slice(0, 3).join(', ')})`),
    );
  }

  summary(): string {
    const lines = [...this.screens].map(
      ([screen, list]) => `  ${screen}: ${list.length ? list.map((v) => `${v.impact} ${v.id}×${v.targets.length}`).join(', ') : 'none'}`,
    );
    return `axe-core violations by impact: ${JSON.stringify(this.tally())}\n${lines.join('\n')}`;
  }
}
