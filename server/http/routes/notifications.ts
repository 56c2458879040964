import { z } from 'zod';
import { defineRoute, type RouteDef } from '../route.js';
import { principalOf } from '../../authz/guard.js';
import type { InboxChannel, NotificationDoc } from '../../notifications/index.js';

const notificationOut = z.object({
  _id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  caseId: z.string().optional(),
  taskId: z.string().optional(),
  unitId: z.string().optional(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
const out = (n: NotificationDoc) => ({
  _id: n._id, kind: n.kind, title: n.title, body: n.body, createdAt: n.createdAt, readAt: n.readAt,
  ...(n.caseId ? { caseId: n.caseId } : {}), ...(n.taskId ? { taskId: n.taskId } : {}), ...(n.unitId ? { unitId: n.unitId } : {}),
});

/** The caller's own in-app inbox (站内信): nobody reads anyone else's. */
export function notificationRoutes(inbox: InboxChannel, now: () => Date = () => new Date()): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/notifications',
      operationId: 'listMyNotifications',
      summary: 'My notifications, newest first, with the number still unread.',
      tags: ['notifications'],
      access: { object: 'notification', action: 'read' },
      query: z.object({
        unread: z.enum(['true', 'false']).optional().describe('true: unread only'),
        limit: z.coerce.number().int().min(1).max(200).default(50),
        cursor: z.string().max(500).optional(),
      }),
      response: z.object({ items: z.array(notificationOut), nextCursor: z.string().nullable(), unread: z.number().int() }),
      handler: async ({ query, req }) => {
        const page = await inbox.list(principalOf(req).id, { unreadOnly: query.unread === 'true', limit: query.limit, cursor: query.cursor ?? null });
        return { items: page.items.map(out), nextCursor: page.nextCursor, unread: page.unread };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/:id/read',
      operationId: 'markNotificationRead',
      summary: 'Mark one of my notifications read.',
      tags: ['notifications'],
      access: { object: 'notification', action: 'read' },
      params: z.object({ id: z.string().min(1).max(64) }),
      response: notificationOut,
      handler: async ({ params, req }) => out(await inbox.markRead(principalOf(req).id, params.id, now())),
    }),
  ];
}
