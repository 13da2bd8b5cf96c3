import { createServer } from 'node:http';

/** Serves `bytes` as an SSE body to every request, in 64 KiB writes, like a fast upstream. */
export function serveBytes(bytes) {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'x-request-id': 'req_bench',
      });
      for (let offset = 0; offset < bytes.length; offset += 65_536)
        response.write(bytes.subarray(offset, offset + 65_536));
      response.end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        baseURL: `http://127.0.0.1:${server.address().port}/v1`,
        close: () => server.close(),
      }),
    ),
  );
}
