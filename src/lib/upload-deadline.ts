import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, message } from './errors.ts';

/*
 * Uploads have their own time policy. Every other request must arrive whole within
 * REQUEST_TIMEOUT_MS (Node's requestTimeout, answered 408 by the errors plugin's clientError
 * handler); a 25 MiB document on a slow line cannot. An upload's socket is marked, the clientError
 * handler lets Node's request deadline pass over it, and the upload is cut instead when no byte
 * arrives for an idle period or when its long ceiling passes.
 */

const UPLOADING = Symbol('uploading');

type Marked = Socket & { [UPLOADING]?: boolean };

/** Whether the socket carries an upload in progress (its request deadline is this module's). */
export const isUploading = (socket: Socket): boolean => (socket as Marked)[UPLOADING] === true;

export interface UploadTimes {
  idleMs: number;
  ceilingMs: number;
}

export interface UploadDeadline {
  /** `promise`, or the 408 of a passed deadline if that comes first. */
  guard<T>(promise: Promise<T>): Promise<T>;
  /** The stream a passed deadline destroys (with the 408). */
  watch(stream: Readable): void;
}

/** Starts the upload's idle timer and ceiling; both stop when the request's body has arrived or the answer is sent. */
export function uploadDeadline(
  request: FastifyRequest,
  reply: FastifyReply,
  times: UploadTimes,
): UploadDeadline {
  const raw = request.raw;
  const socket = raw.socket as Marked;
  socket[UPLOADING] = true;
  // The socket's own inactivity timeout (CONNECTION_TIMEOUT_MS) is the idle timer's job meanwhile.
  // (app.inject's stand-in socket has neither a timeout nor a byte count.)
  const real = typeof socket.setTimeout === 'function' && typeof socket.bytesRead === 'number';
  const socketTimeout = socket.timeout ?? 0;
  if (real) socket.setTimeout(0);
  let expire: (error: AppError) => void = () => undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    expire = reject;
  });
  expired.catch(() => undefined);
  let watched: Readable | null = null;
  const cut = (key: string, ms: number) => {
    stop();
    const error = new AppError('request_timeout', message(key, { seconds: Math.round(ms / 1000) }), {
      headers: { connection: 'close' },
    });
    raw.unpipe();
    watched?.destroy(error);
    expire(error);
  };
  const idle = watchIdle(socket, real, times.idleMs, () => cut('problem.uploadIdle', times.idleMs));
  const ceiling = setTimeout(() => cut('problem.uploadCeiling', times.ceilingMs), times.ceilingMs);
  function stop() {
    clearInterval(idle);
    clearTimeout(ceiling);
  }
  raw.once('end', stop);
  // Sent, or the connection lost: the socket's next request has the ordinary deadlines again.
  reply.raw.once('close', () => {
    stop();
    socket[UPLOADING] = false;
    if (real && !socket.destroyed) socket.setTimeout(socketTimeout);
  });
  return {
    guard: <T>(promise: Promise<T>) => Promise.race([promise, expired]),
    watch: (stream) => {
      watched = stream;
    },
  };
}

/**
 * Calls `onIdle` once no byte has arrived for `idleMs`. Bytes are counted on the socket, not by
 * listening to the request (a listener would start it flowing before the multipart parser is
 * piped in, and lose what arrived meanwhile).
 */
function watchIdle(socket: Socket, real: boolean, idleMs: number, onIdle: () => void): NodeJS.Timeout {
  let seen = socket.bytesRead;
  let lastByteAt = Date.now();
  return setInterval(
    () => {
      if (!real || socket.bytesRead !== seen) {
        seen = socket.bytesRead;
        lastByteAt = Date.now();
      } else if (Date.now() - lastByteAt >= idleMs) {
        onIdle();
      }
    },
    Math.max(50, Math.min(1000, idleMs / 5)),
  );
}
