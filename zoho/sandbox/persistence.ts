/** Optional state file: loaded at start, saved (debounced, atomically) after changes. */
import fs from 'node:fs';
import path from 'node:path';
import type { SandboxData } from './types';

export function loadState(file: string): SandboxData | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = JSON.parse(text) as SandboxData;
  if (data?.version !== 1 || !Array.isArray(data.items) || !data.counters) {
    throw new Error(`${file} is not a Zoho sandbox state file (delete it to start from the seed)`);
  }
  return data;
}

export class StateSaver {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string,
    private readonly data: () => SandboxData,
    private readonly delayMs = 500,
  ) {}

  schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, this.delayMs);
  }

  /** Write now if a save is pending (on close). */
  flush(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.write();
  }

  private write(): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.data()));
    fs.renameSync(tmp, this.file); // never a half-written file
  }
}
