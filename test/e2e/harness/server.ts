/**
 * A loopback-only static server for the e2e tests: dist/ (the production task pane) plus the
 * harness files. /taskpane.html is served with office.js replaced by the Excel stand-in.
 * Its query: fixture (the workbook), lang (Office's display language), api (the ExcelApi
 * version of the host), theme (Office's theme: light, dark, highContrast), protected (a sheet).
 */
import { createServer, type Server } from 'http';
import { promises as fs } from 'fs';
import type { AddressInfo } from 'net';
import path from 'path';

/** The standard office.js script tag (attribute quotes may be minified away). */
export const OFFICE_JS_TAG = /<script src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?><\/script>/;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The host the stand-in plays, from the page's query. */
export interface HarnessHost {
  lang: string;
  api: string;
  theme: string | null;
  protectedSheet: string | null;
}

export interface HarnessServer {
  origin: string;
  /** Every path requested, to check the pane fetched nothing unexpected. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * `dist`: the built add-in; `harnessDir`: the bundled stand-in (standin.js); `workbookScript`:
 * the JavaScript that defines the workbook for a fixture name (?fixture=NAME).
 */
export async function startServer(dist: string, harnessDir: string, workbookScript: (fixture: string) => Promise<string>): Promise<HarnessServer> {
  const requests: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname);
    try {
      const { body, type } = await respond(url);
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (error) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    }
  });

  async function respond(url: URL): Promise<{ body: string | Buffer; type: string }> {
    const fixture = url.searchParams.get('fixture') ?? '';
    if (url.pathname === '/taskpane.html') {
      const html = await fs.readFile(path.join(dist, 'taskpane.html'), 'utf8');
      if (!OFFICE_JS_TAG.test(html)) throw new Error('taskpane.html does not load office.js the standard way');
      const standIn = `<script src="/harness/workbook.js?${url.searchParams.toString()}"></script><script src="/harness/standin.js"></script>`;
      return { body: html.replace(OFFICE_JS_TAG, standIn), type: TYPES['.html'] };
    }
    if (url.pathname === '/harness/workbook.js') {
      const host: HarnessHost = {
        lang: url.searchParams.get('lang') ?? 'zh-CN',
        api: url.searchParams.get('api') ?? '1.18',
        theme: url.searchParams.get('theme'),
        protectedSheet: url.searchParams.get('protected'),
      };
      return { body: `${await workbookScript(fixture)}\nwindow.__HARNESS_HOST__ = ${JSON.stringify(host)};`, type: TYPES['.js'] };
    }
    const root = url.pathname.startsWith('/harness/') ? harnessDir : dist;
    const relative = url.pathname.replace(/^\/(harness\/)?/, '');
    const file = path.resolve(root, relative);
    if (!file.startsWith(path.resolve(root) + path.sep)) throw new Error('outside the served folder');
    return { body: await fs.readFile(file), type: TYPES[path.extname(file)] ?? 'application/octet-stream' };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
