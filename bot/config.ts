// Configuration from the environment (and a .env file), validated once at start.
import path from 'node:path';
import { z } from 'zod';

const Config = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  DATA_DIR: z.string().min(1).default('data'),
  MicrosoftAppId: z.string().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppTenantId: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** Largest request body accepted on /api/messages, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(256 * 1024),
});
export type Config = z.infer<typeof Config> & { databaseFile: string; demoMode: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Config.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const c = parsed.data;
  return {
    ...c,
    databaseFile: path.resolve(c.DATA_DIR, 'reservations.db'),
    // Without an app id the adapter authenticates nothing: the Emulator/demo mode.
    demoMode: c.MicrosoftAppId === '',
  };
}
