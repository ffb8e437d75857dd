import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';

/** One line of a trace file with its 1-based line number. */
export interface NumberedLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Streams the lines of a text file, gunzipping it on the fly when its name ends in `.gz`. Only the
 * current chunk is in memory (node:readline over a read stream), so a multi-gigabyte table costs a
 * few hundred kilobytes. A trailing `\r` (files written on Windows) is dropped by readline.
 */
export async function* readLines(path: string): AsyncGenerator<NumberedLine> {
  const file = createReadStream(path);
  const input = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  // A gunzip error (truncated or not gzip) is raised on the gunzip stream, which readline does not
  // forward: pass it on so the reader's loop rejects instead of waiting forever.
  if (input !== file) file.on('error', (err) => input.destroy(err));
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      yield { line, text };
    }
  } finally {
    lines.close();
    file.destroy();
  }
}
