/**
 * @module api/watch-stream
 * Streams watch events as newline-delimited JSON. Headers are flushed at once (kubectl waits for them
 * before it considers a watch started), and the watch stops when the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '@sphere/shared';
import type { ResourceDescriptor } from '../registry/types';
import type { ApiPipeline, RequestContext, Target, WatchQuery } from '../pipeline/types';
import type { ResponseShape } from './content';
import { toPartialMetadata, toTable, type IncludeObject } from './table';

export interface WatchStreamArgs {
  req: IncomingMessage;
  res: ServerResponse;
  pipeline: ApiPipeline;
  ctx: RequestContext;
  target: Target;
  query: WatchQuery;
  descriptor: ResourceDescriptor;
  shape: ResponseShape;
  include: IncludeObject;
  now: () => Date;
}

export function streamWatch(args: WatchStreamArgs): void {
  const { res, descriptor, shape } = args;
  let headerSent = false;
  let first = true;
  const encode = (type: string, object: KubeObject): string => {
    let payload: unknown = object;
    if (type !== 'ERROR' && type !== 'BOOKMARK') {
      if (shape === 'table') {
        payload = toTable(
          descriptor,
          [object],
          { resourceVersion: object.metadata.resourceVersion },
          {
            now: args.now(),
            include: args.include,
            noHeaders: !first,
          },
        );
        first = false;
      } else if (shape === 'metadata') {
        payload = toPartialMetadata(object);
      }
    }
    return `${JSON.stringify({ type, object: payload })}\n`;
  };
  const sendHeaders = () => {
    if (headerSent) return;
    headerSent = true;
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, private',
      'Transfer-Encoding': 'chunked',
    });
    res.flushHeaders();
  };
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    sendHeaders();
    res.end();
  };
  const handle = args.pipeline.watch(
    args.ctx,
    args.target,
    args.query,
    (event) => {
      if (ended) return;
      sendHeaders();
      res.write(encode(event.type, event.object));
    },
    end,
  );
  sendHeaders();
  // Node 20 fires req 'close' once the body is read; only the response tells us the client left.
  res.on('close', () => {
    ended = true;
    handle.stop();
  });
}
