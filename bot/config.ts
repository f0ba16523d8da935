// Configuration from the environment (and a .env file), validated once at start.
import path from 'node:path';
import { z } from 'zod';
import { partnerCenterSettings, type PartnerCenterSettings } from '../src/partnerCenter/rest/settings';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  DATA_DIR: z.string().min(1).default('data'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppTenantId: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** A certificate instead of MicrosoftAppPassword (botbuilder's setting names). */
  CertificateThumbprint: z.string().default(''),
  CertificatePrivateKey: z.string().default(''),
  /**
   * Where the Bot Framework channel's signing keys are published (botbuilder's setting name); empty: the
   * public cloud's https://login.botframework.com/v1/.well-known/openidconfiguration. Only the tests set
   * it (to a local endpoint serving a test key); in production it must be https. See bot/authentication.ts.
   */
  BotOpenIdMetadata: z.string().default(''),
  /** "production": the bot refuses to start without credentials (see productionProblems). */
  NODE_ENV: z.string().default(''),
  /** Largest request body accepted on /api/messages, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
  /** How long a write waits for another connection's lock on the SQLite file before the turn fails (busy). */
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /**
   * postgres://user:password@host:port/database: the bot's store on PostgreSQL, shared by every instance
   * started with the same URL. Empty: the SQLite file under DATA_DIR (one instance).
   */
  DATABASE_URL: z
    .string()
    .default('')
    .refine((v) => v === '' || /^postgres(ql)?:\/\//.test(v), 'must start with postgres:// or postgresql://'),
  /** PostgreSQL: the most connections one instance opens for queries (checkout locks take up to half as many more). */
  DB_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
  /** PostgreSQL: a statement running longer is cancelled and its turn says the database is busy. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  /**
   * The follow-ups (src/purchase/followUp.ts): at most this many Partner Center calls a minute, for all
   * instances on the database together (one call: an order's provisioning status or a checkout's lookup).
   */
  FOLLOW_UP_CALLS_PER_MINUTE: z.coerce.number().int().min(1).max(600).default(30),
  /** How often each instance looks for due follow-ups; 0 turns them off in this instance. */
  FOLLOW_UP_INTERVAL_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** How long a purchase waits for a second agent's approval before it expires (issue 17: four eyes). */
  APPROVAL_EXPIRY_HOURS: z.coerce.number().positive().max(24 * 90).default(24),
  /** How often the bot looks for approval requests that expired, to tell their buyer and approvers. */
  APPROVAL_SWEEP_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** The local Web Chat page at / (channels/webChat.ts): "auto" = on without MicrosoftAppId only. */
  WEB_CHAT: z.enum(['auto', 'on', 'off']).default('auto'),
});
export type Config = z.infer<typeof Config> & {
  /** The bot's store without DATABASE_URL: DATA_DIR/reservations.db. */
  databaseFile: string;
  /** The embedded Partner Center's own file (PARTNER_CENTER=local): DATA_DIR/partner-center.db. */
  partnerCenterDatabaseFile: string;
  demoMode: boolean;
  production: boolean;
  /** PARTNER_CENTER=local (default) or rest with its PARTNER_CENTER_* settings (src/partnerCenter/rest/settings.ts). */
  partnerCenter: PartnerCenterSettings;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  // PARTNER_CENTER=rest with a missing setting: refuse to start, naming every missing one.
  const partnerCenter = partnerCenterSettings(env);
  const production = c.NODE_ENV === 'production';
  const problems = production ? productionProblems(c) : [];
  if (problems.length) {
    throw new Error(`Refusing to start in production mode (NODE_ENV=production): ${problems.join(' ')}`);
  }
  return {
    ...c,
    databaseFile: path.resolve(c.DATA_DIR, 'reservations.db'),
    partnerCenterDatabaseFile: path.resolve(c.DATA_DIR, 'partner-center.db'),
    // Without an app id the adapter authenticates nothing: the Emulator/demo mode.
    demoMode: c.MicrosoftAppId === '',
    production,
    partnerCenter,
  };
}

/**
 * Why these settings cannot run in production: every request must be authenticated, so the bot needs
 * its Azure Bot identity (MicrosoftAppId) and a way to prove it (password, certificate or managed identity).
 */
export function productionProblems(c: z.infer<typeof Config>): string[] {
  const problems: string[] = [];
  const set = (v: string) => v.trim() !== '';
  if (!set(c.MicrosoftAppId)) {
    problems.push(
      'MicrosoftAppId is not set, so requests to /api/messages would not be authenticated (Emulator mode).',
    );
  }
  if (c.MicrosoftAppType === 'UserAssignedMSI') {
    if (!set(c.MicrosoftAppTenantId)) problems.push('MicrosoftAppType=UserAssignedMSI needs MicrosoftAppTenantId.');
    if (set(c.MicrosoftAppPassword)) problems.push('MicrosoftAppType=UserAssignedMSI must not have a MicrosoftAppPassword.');
  } else {
    const certificate = set(c.CertificateThumbprint) || set(c.CertificatePrivateKey);
    if (certificate && !(set(c.CertificateThumbprint) && set(c.CertificatePrivateKey))) {
      problems.push('A certificate needs both CertificateThumbprint and CertificatePrivateKey.');
    }
    if (!certificate && !set(c.MicrosoftAppPassword)) {
      problems.push('Set MicrosoftAppPassword (or CertificateThumbprint and CertificatePrivateKey, or MicrosoftAppType=UserAssignedMSI).');
    }
    if (c.MicrosoftAppType === 'SingleTenant' && !set(c.MicrosoftAppTenantId)) {
      problems.push('MicrosoftAppType=SingleTenant needs MicrosoftAppTenantId.');
    }
  }
  if (set(c.BotOpenIdMetadata) && !/^https:\/\//i.test(c.BotOpenIdMetadata)) {
    problems.push('BotOpenIdMetadata must be an https URL (it says where the keys that sign channel tokens are published).');
  }
  return problems;
}
