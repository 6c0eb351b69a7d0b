/** Longest line we accept; Cisco records are a few KB. Longer lines are skipped and counted. */
export const MAX_LINE_BYTES = 1 << 20;

export interface LineSplitter {
  /** Feeds a chunk; calls onLine for every complete non-blank line. */
  push(chunk: string): void;
  /** The partial line left when the stream ended (dropped: it was never complete). */
  readonly pending: string;
}

/** Splits an NDJSON stream on \n, tolerating \r\n, blank lines and lines split across chunks. */
export function createLineSplitter(
  onLine: (line: string) => void,
  onOversized: () => void,
  maxLine = MAX_LINE_BYTES,
): LineSplitter {
  let buffer = "";
  let skipping = false; // inside an oversized line: drop until its newline
  return {
    push(chunk: string) {
      let start = 0;
      let nl: number;
      while ((nl = chunk.indexOf("\n", start)) !== -1) {
        const piece = chunk.slice(start, nl);
        start = nl + 1;
        if (skipping) {
          skipping = false;
          buffer = "";
          continue;
        }
        let line = buffer ? buffer + piece : piece;
        buffer = "";
        if (line.length > maxLine) {
          onOversized();
          continue;
        }
        if (line.endsWith("\r")) line = line.slice(0, -1);
        if (line.trim()) onLine(line);
      }
      if (skipping) return;
      buffer += chunk.slice(start);
      if (buffer.length > maxLine) {
        onOversized();
        buffer = "";
        skipping = true;
      }
    },
    get pending() {
      return buffer;
    },
  };
}
