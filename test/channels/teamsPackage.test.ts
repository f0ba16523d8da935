// The Teams app package: `npm run package:teams` writes a zip whose manifest.json validates against the
// Teams manifest JSON schema (shipped in the @microsoft/app-manifest package, read from node_modules,
// never fetched), with the two icons at the root. The zip is read with yauzl and the icons with pngjs,
// not with what wrote them.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { MANIFEST_SCHEMA_URL, MANIFEST_VERSION } from '../../channels/teams/manifest';
import { PNG } from 'pngjs';
import yauzl from 'yauzl';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const BOT_ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SCHEMA_FILE = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);

type Json = Record<string, unknown>;

/** The files of a zip, in order. */
function unzip(data: Buffer): Promise<{ name: string; data: Buffer }[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true }, (error, archive) => {
      if (error) return reject(error);
      const files: { name: string; data: Buffer }[] = [];
      archive.on('error', reject);
      archive.on('end', () => resolve(files));
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            files.push({ name: entry.fileName, data: Buffer.concat(chunks) });
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}

/** Runs `npm run package:teams` with only the given settings (no .env of the developer's). */
async function packageTeams(env: Record<string, string>, out: string) {
  const { PATH, HOME } = process.env;
  return run('npm', ['run', '--silent', 'package:teams', '--', '--out', out], {
    cwd: ROOT,
    env: { PATH, HOME, DOTENV_CONFIG_PATH: path.join(path.dirname(out), 'no.env'), ...env },
    timeout: 60_000,
  });
}

describe('Teams app package', function () {
  this.timeout(60_000);
  let dir: string;
  let zipFile: string;
  let entries: { name: string; data: Buffer }[];
  let manifest: Json;

  before(async function () {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rpb-teams-'));
    zipFile = path.join(dir, 'app.zip');
    const { stdout } = await packageTeams({ MicrosoftAppId: BOT_ID }, zipFile);
    assert.match(stdout, /Teams app package: /, `the script says where it wrote the package: ${stdout}`);
    entries = await unzip(fs.readFileSync(zipFile));
    const manifestEntry = entries.find((e) => e.name === 'manifest.json');
    assert.ok(manifestEntry, `the package has manifest.json: ${entries.map((e) => e.name).join(', ')}`);
    manifest = JSON.parse(manifestEntry.data.toString('utf8')) as Json;
  });

  after(function () {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is a zip with manifest.json and the two icons at its root, nothing else', function () {
    assert.deepEqual(entries.map((e) => e.name).sort(), ['color.png', 'manifest.json', 'outline.png'], 'exactly three files, no folders');
    const icons = manifest.icons as Json;
    assert.deepEqual(icons, { color: 'color.png', outline: 'outline.png' }, 'the manifest names the icons at the root');
  });

  it('has a 192×192 colour icon and a 32×32 outline icon of white on transparent', function () {
    const color = PNG.sync.read(entries.find((e) => e.name === 'color.png')!.data);
    const outline = PNG.sync.read(entries.find((e) => e.name === 'outline.png')!.data);
    assert.deepEqual([color.width, color.height], [192, 192], 'the colour icon is 192×192');
    assert.deepEqual([outline.width, outline.height], [32, 32], 'the outline icon is 32×32');
    const rgba = outline.data;
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3]!;
      if (alpha > 0) assert.deepEqual([rgba[i], rgba[i + 1], rgba[i + 2]], [255, 255, 255], `outline pixel ${i / 4} is white`);
      if (alpha === 255) opaque++;
      if (alpha === 0) transparent++;
    }
    assert.ok(opaque > 50 && transparent > 300, `the outline has a drawn glyph and a transparent background (${opaque} opaque, ${transparent} transparent)`);
    const colour = color.data;
    for (let i = 3; i < colour.length; i += 4) assert.equal(colour[i], 255, 'the colour icon is fully opaque (full-bleed)');
  });

  it('validates against the Teams manifest JSON schema of its manifestVersion', function () {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as Json;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const valid = validate(manifest);
    assert.ok(valid, `manifest.json is valid against ${path.relative(ROOT, SCHEMA_FILE)}: ${JSON.stringify(validate.errors, null, 2)}`);
    const broken = { ...manifest, bots: [{ ...(manifest.bots as Json[])[0], botId: 'not-a-guid' }] };
    assert.equal(validate(broken), false, 'the schema is really checked: a bot id that is not a GUID is refused');
    assert.equal(manifest.$schema, MANIFEST_SCHEMA_URL, 'the manifest names the schema it follows');
    assert.equal(manifest.manifestVersion, MANIFEST_VERSION, 'and its version');
  });

  it('is for the configured bot, in personal scope only, with the buy, orders and help commands', function () {
    const bots = manifest.bots as Json[];
    assert.equal(bots.length, 1, 'one bot');
    const bot = bots[0]!;
    assert.equal(bot.botId, BOT_ID, 'the bot id is MicrosoftAppId');
    assert.equal(manifest.id, BOT_ID, 'the app id defaults to the bot id');
    assert.deepEqual(bot.scopes, ['personal'], 'personal scope only: a group chat would share one purchase state');
    const lists = bot.commandLists as { scopes: string[]; commands: { title: string; description: string }[] }[];
    assert.deepEqual(lists.map((l) => l.scopes), [['personal']], 'one command list, for the personal scope');
    assert.deepEqual(lists[0]!.commands.map((c) => c.title), ['buy', 'orders', 'help'], 'the commands buy, orders and help');
    for (const c of lists[0]!.commands) assert.ok(c.description.length > 0, `command ${c.title} has a description`);
  });

  it('takes TEAMS_APP_ID, and refuses a missing or malformed bot id with a message', async function () {
    const appId = '11111111-2222-4333-8444-555555555555';
    const other = path.join(dir, 'other.zip');
    await packageTeams({ MicrosoftAppId: BOT_ID, TEAMS_APP_ID: appId }, other);
    const withAppId = JSON.parse((await unzip(fs.readFileSync(other))).find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as Json;
    assert.equal(withAppId.id, appId, 'TEAMS_APP_ID sets the app id');
    assert.equal((withAppId.bots as Json[])[0]!.botId, BOT_ID, 'the bot id stays MicrosoftAppId');

    for (const env of [{}, { MicrosoftAppId: 'not-a-guid' }] as Record<string, string>[]) {
      const failed = await packageTeams(env, path.join(dir, 'bad.zip')).then(
        () => undefined,
        (error: { code?: number; stderr?: string }) => error,
      );
      assert.ok(failed && failed.code !== 0, `no package without a valid MicrosoftAppId (${JSON.stringify(env)})`);
      assert.match(failed.stderr ?? '', /MicrosoftAppId: must be a GUID|MicrosoftAppId/, `the error names MicrosoftAppId: ${failed.stderr}`);
      assert.equal(fs.existsSync(path.join(dir, 'bad.zip')), false, 'nothing is written');
    }
  });

  it('writes the same bytes for the same settings (fixed dates in the zip)', async function () {
    const again = path.join(dir, 'again.zip');
    await packageTeams({ MicrosoftAppId: BOT_ID }, again);
    assert.deepEqual(fs.readFileSync(again), fs.readFileSync(zipFile), 'a second run writes the same package');
  });
});
