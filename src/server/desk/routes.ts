import type { FastifyInstance } from 'fastify';
import type { ApiKey } from '../api-keys.ts';
import { deskAccess } from './access.ts';
import { apiRoutes } from './api-routes.ts';
import type { Desk } from './desk.ts';
import { eventRoutes } from './event-routes.ts';
import { pageRoutes } from './page-routes.ts';

export interface DeskRouteOptions {
  desk: Desk;
  apiKeys?: Map<string, ApiKey>;
  /** audarma's version, recorded in XLIFF files. */
  toolVersion: string;
}

/**
 * The desk web app: `/`, `/desk/…` pages, files, its JSON API and its event stream, in a scope of
 * their own with the desk's access rules (its own CSP and key, no CORS).
 */
export async function deskRoutes(app: FastifyInstance, opts: DeskRouteOptions): Promise<void> {
  await app.register(async (scope) => {
    deskAccess(scope, opts.apiKeys);
    pageRoutes(scope, opts.desk, opts.toolVersion);
    apiRoutes(scope, opts.desk);
    eventRoutes(scope, app, opts.desk);
  });
}
