// npm run package:teams [-- --out FILE] — writes the sideloadable Teams app package: a zip with
// manifest.json, color.png (192×192) and outline.png (32×32) at its root, for the bot whose id is
// MicrosoftAppId (from the environment or .env, as the bot reads it). See README "Microsoft Teams".
import 'dotenv/config';
import fs from 'node:fs';
import path from 'node:path';
import { buffer } from 'node:stream/consumers';
import { ZipFile } from 'yazl';
import { z } from 'zod';
import { buildManifest, COLOR_ICON, OUTLINE_ICON } from './manifest';
import { teamsApp } from '../text';

const Guid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');
const HttpsUrl = z.string().regex(/^https:\/\/\S+$/, 'must be an https URL');

const Settings = z.object({
  MicrosoftAppId: Guid,
  TEAMS_APP_ID: z.union([Guid, z.literal('')]).default(''),
  TEAMS_DEVELOPER_NAME: z.string().min(1).max(32).default(teamsApp.developerName),
  TEAMS_WEBSITE_URL: HttpsUrl.default('https://example.com/reservations-bot'),
  TEAMS_PRIVACY_URL: HttpsUrl.default('https://example.com/reservations-bot/privacy'),
  TEAMS_TERMS_URL: HttpsUrl.default('https://example.com/reservations-bot/terms'),
});

export const DEFAULT_OUT = path.join('dist', 'teams', 'reservations-purchase-bot.zip');

export function packageFiles(env: NodeJS.ProcessEnv, version: string): { name: string; data: Buffer }[] {
  const parsed = Settings.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cannot build the Teams app package: ${problems}. Set MicrosoftAppId to the Azure Bot's app id (in .env or the environment).`);
  }
  const s = parsed.data;
  const manifest = buildManifest({
    botId: s.MicrosoftAppId,
    appId: s.TEAMS_APP_ID,
    version,
    developer: { name: s.TEAMS_DEVELOPER_NAME, websiteUrl: s.TEAMS_WEBSITE_URL, privacyUrl: s.TEAMS_PRIVACY_URL, termsOfUseUrl: s.TEAMS_TERMS_URL },
  });
  return [
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') },
    { name: COLOR_ICON, data: fs.readFileSync(path.join(__dirname, COLOR_ICON)) },
    { name: OUTLINE_ICON, data: fs.readFileSync(path.join(__dirname, OUTLINE_ICON)) },
  ];
}

/** Every entry dated the same, so the same settings give the same bytes. */
const ENTRY_DATE = new Date('2025-01-01T00:00:00Z');

function zip(files: { name: string; data: Buffer }[]): Promise<Buffer> {
  const archive = new ZipFile();
  for (const file of files) archive.addBuffer(file.data, file.name, { mtime: ENTRY_DATE });
  archive.end();
  return buffer(archive.outputStream);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const out = path.resolve(outIndex >= 0 && args[outIndex + 1] ? args[outIndex + 1]! : DEFAULT_OUT);
  const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  const files = packageFiles(process.env, pkg.version);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, await zip(files));
  console.log(teamsApp.written(out));
  console.log(teamsApp.uploadHint(String(process.env.MicrosoftAppId)));
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
