import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import { closeServer, listenOn } from '../../lib/webhook/index.js';

/** A server whose every request waits until `release()` before it is answered. */
function slowServer(): { server: Server; release: () => void; arrived: Promise<void> } {
  let release = (): void => {};
  let arrive = (): void => {};
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const server = createServer((_req, res) => {
    release = () => res.end('done');
    arrive();
  });
  return { server, release: () => release(), arrived };
}

/** GETs `/` and resolves with the body, or with the error that ended the request. */
function get(port: number): Promise<string | Error> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body));
      res.on('error', resolve);
    });
    req.on('error', resolve);
    req.end();
  });
}

describe('listenOn and closeServer', function () {
  this.timeout(10_000);

  it('listens on a free port when asked for port 0 and resolves with the bound address', async () => {
    const server = createServer((_req, res) => res.end('hi'));
    const address = await listenOn(server, 0, '127.0.0.1');
    try {
      assert.equal(address.address, '127.0.0.1');
      assert.ok(address.port > 0);
      assert.equal(await get(address.port), 'hi');
    } finally {
      await closeServer(server, { force: true });
    }
  });

  it('rejects with the listen error (EADDRINUSE) instead of leaving it to an error event', async () => {
    const first = createServer();
    const { port } = await listenOn(first, 0, '127.0.0.1');
    const second = createServer();
    try {
      await assert.rejects(listenOn(second, port, '127.0.0.1'), { code: 'EADDRINUSE' });
      assert.equal(second.listening, false);
    } finally {
      await closeServer(first);
    }
  });

  it('by default lets a request in flight finish before the server closes', async () => {
    const { server, release, arrived } = slowServer();
    const { port } = await listenOn(server, 0, '127.0.0.1');
    const answer = get(port);
    await arrived;
    const closed = closeServer(server);
    release();
    await closed;
    assert.equal(await answer, 'done');
    assert.equal(server.listening, false);
  });

  it('with force, drops the connections still open and closes at once', async () => {
    const { server, arrived } = slowServer();
    const { port } = await listenOn(server, 0, '127.0.0.1');
    const answer = get(port);
    await arrived;
    await closeServer(server, { force: true });
    assert.ok((await answer) instanceof Error, 'the request in flight was cut');
    assert.equal(server.listening, false);
  });

  it('resolves at once for a server that is not listening', async () => {
    await closeServer(createServer());
  });
});
