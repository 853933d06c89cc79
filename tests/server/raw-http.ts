// Requests written byte by byte on a socket, for what fetch cannot send: a body longer than the
// server takes, sent in a bounded loop that stops as soon as the server answers; a body trickled in.
import { readFileSync } from 'node:fs';
import net from 'node:net';

export interface RawAnswer {
  /** The status line's code, or undefined when the connection closed without an answer. */
  status?: number;
  /** The answer's body (after the blank line). */
  body: string;
  /** Body bytes written before the answer came (or the connection closed). */
  sent: number;
}

/**
 * Sends `head` (request line and headers, without the blank line), then up to `chunks` pieces of
 * `chunk` every `everyMs` (0: as fast as the socket takes them), stopping when the server answers
 * or closes. Loopback only.
 */
export function rawRequest(url: string, head: string, chunk: Buffer, chunks: number, everyMs = 0): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    let answer = '';
    let sent = 0;
    let over = false;
    const finish = () => {
      if (over) return;
      over = true;
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve({ status: m ? Number(m[1]) : undefined, body: answer.split('\r\n\r\n').slice(1).join('\r\n\r\n'), sent });
    };
    socket.on('data', (b) => {
      answer += b.toString();
      // The whole answer: its length is said, or the connection closes after it.
      const length = /content-length: (\d+)/i.exec(answer)?.[1];
      const body = answer.indexOf('\r\n\r\n');
      if (length !== undefined && body >= 0 && Buffer.byteLength(answer) - body - 4 >= Number(length)) finish();
    });
    // A write the server no longer reads fails (EPIPE, ECONNRESET); what it answered is still read until the close.
    socket.on('close', finish);
    socket.on('error', () => undefined);
    socket.write(`${head}\r\nconnection: close\r\n\r\n`);
    let i = 0;
    const next = () => {
      if (over || i++ >= chunks) return;
      if (everyMs > 0) setTimeout(() => socket.write(chunk, () => ((sent += chunk.length), next())), everyMs);
      else socket.write(chunk, () => ((sent += chunk.length), setImmediate(next)));
    };
    next();
  });
}

/** Resident memory of a process in MB (Linux). */
export function rssMB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}
