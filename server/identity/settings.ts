import type { ScryptParams } from './password.js';
import { DEFAULT_SCRYPT } from './password.js';

/** Identity settings; every value can be overridden through `startServer(config, { identity })`. */
export interface IdentitySettings {
  /** Failed logins in a row that lock an account. */
  maxFailedLogins: number;
  lockoutMs: number;
  /** A session ends after this long without a request ... */
  sessionIdleMs: number;
  /** ... and at the latest this long after login. */
  sessionAbsoluteMs: number;
  /** lastSeen is written at most this often, so that a busy session is not a write per request. */
  sessionTouchMs: number;
  scrypt: ScryptParams;
  /** How often a server looks for policy or org changes made by another server. */
  authzRefreshMs: number;
}

export const DEFAULT_IDENTITY_SETTINGS: IdentitySettings = {
  maxFailedLogins: 5,
  lockoutMs: 15 * 60_000,
  sessionIdleMs: 30 * 60_000,
  sessionAbsoluteMs: 12 * 60 * 60_000,
  sessionTouchMs: 60_000,
  scrypt: DEFAULT_SCRYPT,
  authzRefreshMs: 1_000,
};

export const SESSION_COOKIE = 'gz_session';
export const TOKEN_PREFIX = 'gz_';
