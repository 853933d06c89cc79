// A hub mirror over real HTTP, serving local model folders the way huggingface.co serves a
// repository: GET (or HEAD) /<owner>/<name>/resolve/main/<file>, 404 for anything else.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface HubMirror {
  /** `http://127.0.0.1:PORT/`, for `models.hub`. */
  url: string;
  /** `<id>/<file>` of every file served, in order. */
  requested: string[];
  server: Server;
  close(): Promise<void>;
}

/** `folderOf(id)`: the local folder served as repository `id`, or undefined (404). */
export async function startHubMirror(folderOf: (id: string) => string | undefined): Promise<HubMirror> {
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const m = /^\/(.+?\/.+?)\/resolve\/main\/(.+)$/.exec(decodeURIComponent(req.url ?? ''));
    const root = m ? folderOf(m[1]) : undefined;
    const file = m && root && path.join(root, m[2]);
    if (!file || !file.startsWith(root!) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end('Entry not found');
      return;
    }
    requested.push(`${m![1]}/${m![2]}`);
    res.writeHead(200, { 'content-length': statSync(file).size });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, requested, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
