// Shutting down cleanly with keep-alive clients: once the server is closing, every response still being answered
// ends its connection. Fastify sends `Connection: close` only on requests that arrive after the close began, and
// Node closes only the connections idle at that moment, so a request already in flight (a write waiting for its
// group's commit) would leave its socket open after answering, and the close would wait out the keep-alive
// timeout (72 s) past the orchestrator's deadline.
import fp from 'fastify-plugin';

export default fp(
  async (app) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (closing && request.raw.httpVersionMajor === 1) reply.header('connection', 'close');
      return payload;
    });
  },
  { name: 'drain' },
);
