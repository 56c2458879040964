import type { Request } from 'express';
import type { AuditActor } from '../audit/entry.js';

/** Who is acting and from where: handed to every command so that it can be audited. */
export interface CommandContext {
  actor: AuditActor;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export function systemContext(name = 'system'): CommandContext {
  return { actor: { kind: 'system', id: name, name } };
}

export function requestOrigin(req: Request): Pick<CommandContext, 'ip' | 'userAgent' | 'requestId'> {
  return { ip: req.ip, userAgent: req.get('user-agent') ?? undefined, requestId: req.id };
}

/** The audit fields of a command context. */
export function origin(ctx: CommandContext): CommandContext {
  return { actor: ctx.actor, ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
}

/** The command context of an authenticated request (routes behind the AccessGuard). */
export function commandContext(req: Request): CommandContext {
  const p = req.principal;
  const actor: AuditActor = !p
    ? { kind: 'system', id: 'anonymous' }
    : p.kind === 'user'
      ? { kind: 'user', id: p.id, name: p.username }
      : { kind: 'token', id: p.id, name: p.name };
  return { actor, ...requestOrigin(req) };
}
