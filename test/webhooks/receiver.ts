import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** A webhook receiver on loopback: records each request; `answer` decides the response. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  answer: (request: Received) => { status: number; headers?: Record<string, string> } | 'hang';
  close: () => Promise<void>;
  /** Resolves once `predicate` holds for what was received (polls; no timing assertion). */
  until: (predicate: (received: Received[]) => boolean, timeoutMs?: number) => Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    answer: () => ({ status: 204 }),
    close: async () => {},
    until: async (predicate, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(receiver.received)) {
        if (Date.now() > deadline)
          throw new Error(`receiver: condition not met; got ${receiver.received.length}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const request = { headers: req.headers, body };
      const answer = receiver.answer(request);
      receiver.received.push(request);
      if (answer === 'hang') return;
      res.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  receiver.port = typeof address === 'object' && address ? address.port : 0;
  receiver.url = `http://127.0.0.1:${receiver.port}/hook`;
  receiver.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}
