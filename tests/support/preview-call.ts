// One contract call over a preview-host socket, answered by the result with the same id.
import WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../preload/api';

/** A socket to the host, as its own page would open it (token and origin). */
export function openSocket(pageUrl: string): Promise<WebSocket> {
  const url = new URL(pageUrl);
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, { origin: url.origin });
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', () => reject(new Error('the host refused the socket')));
  });
}

export function call(ws: WebSocket, message: ClientMessage): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const reply = JSON.parse(data.toString()) as ServerMessage;
      if (reply.type === 'result' && reply.id === message.id) {
        ws.off('message', onMessage);
        resolve(reply);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(message));
  });
}
