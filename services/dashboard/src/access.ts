import { isIP } from 'node:net';
import { type Config, ConfigError } from '@imr/config';
import type { DashboardTokens } from './auth.ts';

/** Whether `host` (a bind address) only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || /^::ffff:127\./.test(h) || h === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * The dashboard's tokens from the configuration, or a ConfigError (one line, naming the variable)
 * when they would leave it unsafe: listening on anything but loopback with no IMR_DASHBOARD_TOKEN
 * (Bull Board retries and deletes jobs; the index holds medical records), a read token without an
 * admin token (Bull Board would be the one open part), or the same token for both roles.
 */
export function dashboardTokens(
  config: Pick<Config, 'HOST' | 'IMR_DASHBOARD_TOKEN' | 'IMR_DASHBOARD_READ_TOKEN'>,
): DashboardTokens {
  const admin = config.IMR_DASHBOARD_TOKEN;
  const read = config.IMR_DASHBOARD_READ_TOKEN;
  if (!admin && !isLoopback(config.HOST)) {
    throw new ConfigError([
      `IMR_DASHBOARD_TOKEN: required when the dashboard listens on ${config.HOST} (not loopback); set it, or HOST=127.0.0.1`,
    ]);
  }
  if (read && !admin) {
    throw new ConfigError([
      'IMR_DASHBOARD_TOKEN: required when IMR_DASHBOARD_READ_TOKEN is set (Bull Board would be open)',
    ]);
  }
  if (read && admin && read === admin) {
    throw new ConfigError(['IMR_DASHBOARD_READ_TOKEN: must differ from IMR_DASHBOARD_TOKEN']);
  }
  return { ...(admin ? { admin } : {}), ...(read ? { read } : {}) };
}
