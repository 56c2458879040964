/** A token scope: an (object, action) pair allowed on the subtree of a unit, e.g. `intake:create` on a county. */
export interface TokenScope {
  object: string;
  action: string;
  unitId: string;
}

/** The authenticated caller of a request. `subject` is its Casbin subject. */
export type Principal =
  | { kind: 'user'; id: string; username: string; displayName: string; unitId: string; subject: string; sessionId: string }
  | { kind: 'token'; id: string; name: string; unitId: string; subject: string; scopes: TokenScope[] };

export function userSubject(userId: string): string {
  return `user:${userId}`;
}

export function tokenSubject(tokenId: string): string {
  return `token:${tokenId}`;
}
