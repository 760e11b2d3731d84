// A tiny static file server that publishes a built site under a sub-path, as an intranet
// web server would: /training/<path> maps to <site>/<path>, a folder serves its
// index.html, and anything missing gets the site's 404.html with status 404.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves `root` under `base` (which starts and ends with `/`) on 127.0.0.1. */
export async function serveStatic(root, base = '/training/') {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, 'text/plain', 'bad request');
    }
    if (!rel.startsWith(base)) return notFound(res);
    rel = rel.slice(base.length);
    const file = path.resolve(root, rel);
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(res);
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound(res);
    }
    if (stat.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { Location: url.pathname + '/' });
        return res.end();
      }
      return sendFile(req, res, path.join(file, 'index.html'), 200);
    }
    return sendFile(req, res, file, 200);
  });

  function notFound(res) {
    const page = path.join(root, '404.html');
    if (fs.existsSync(page)) return sendFile(null, res, page, 404);
    return send(res, 404, 'text/plain', 'not found');
  }

  function sendFile(req, res, file, status) {
    let body;
    try {
      body = fs.readFileSync(file);
    } catch {
      return status === 404 ? send(res, 404, 'text/plain', 'not found') : notFound(res);
    }
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length });
    res.end(req && req.method === 'HEAD' ? undefined : body);
  }

  function send(res, status, type, text) {
    res.writeHead(status, { 'Content-Type': type });
    res.end(text);
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
