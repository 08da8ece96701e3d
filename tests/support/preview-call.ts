// One contract call over a preview-host socket, answered by the result with the same id.
import type WebSocket from 'ws';
import type { ClientMessage, ServerMessage } from '../../preload/api';

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
