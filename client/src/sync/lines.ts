/** A byte stream as text lines, however the chunks fall. */
export async function* lines(body: ReadableStream<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let rest = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      onBytes(value.byteLength);
      rest += decoder.decode(value, { stream: true });
      let at: number;
      let from = 0;
      while ((at = rest.indexOf('\n', from)) >= 0) {
        if (at > from) yield rest.slice(from, at);
        from = at + 1;
      }
      rest = rest.slice(from);
    }
    // A complete stream ends with a newline: anything after the last one is a cut-off line.
  } finally {
    reader.releaseLock();
  }
}
