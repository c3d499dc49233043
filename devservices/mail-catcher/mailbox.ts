/** The mail catcher's store: the messages it caught, newest last, and whoever waits for the next one. */
export interface CaughtAttachment {
  filename: string;
  contentType: string;
  size: number;
  /** The decoded bytes (served by the download route, left out of the JSON API). */
  content: Buffer;
}

export interface CaughtMail {
  /** Sequential, as a string: "1", "2", ... (stable for the life of the catcher). */
  id: string;
  receivedAt: string;
  messageId?: string;
  subject: string;
  /** The From header as text ("Satchel <orders@satchel.local>"). */
  from: string;
  /** Addresses of the To header. */
  to: string[];
  cc: string[];
  /** The SMTP envelope: who really received it (includes Bcc recipients). */
  envelope: { from: string; to: string[] };
  /** The Date header (ISO), or the time it was received when the header is missing. */
  date: string;
  text?: string;
  html?: string;
  attachments: CaughtAttachment[];
  /** The message as it came over the wire. */
  raw: Buffer;
}

export class Mailbox {
  private readonly mails: CaughtMail[] = [];
  private readonly waiters = new Set<(mail: CaughtMail) => void>();
  private nextId = 1;

  constructor(private readonly maxMessages = 1000) {}

  add(mail: Omit<CaughtMail, 'id'>): CaughtMail {
    const stored: CaughtMail = { id: String(this.nextId++), ...mail };
    this.mails.push(stored);
    if (this.mails.length > this.maxMessages) this.mails.splice(0, this.mails.length - this.maxMessages);
    for (const waiter of [...this.waiters]) waiter(stored);
    return stored;
  }

  list(): CaughtMail[] {
    return [...this.mails];
  }

  get(id: string): CaughtMail | undefined {
    return this.mails.find((m) => m.id === id);
  }

  clear(): void {
    this.mails.length = 0;
  }

  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs = 10_000): Promise<CaughtMail> {
    const already = this.mails.find(predicate);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const waiter = (mail: CaughtMail) => {
        let matches: boolean;
        try {
          matches = predicate(mail);
        } catch (err) {
          done();
          reject(err);
          return;
        }
        if (matches) {
          done();
          resolve(mail);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`mail catcher: no matching message within ${timeoutMs} ms (${this.mails.length} caught)`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }
}
