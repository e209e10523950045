// Builds the web app into one directory (argument 1; Maven passes target/classes/webapp):
//   assets/app-<hash>.js, assets/app-<hash>.css, assets/icon-<hash>.svg  (content-hashed: cached for a year)
//   index.html   the page, naming those assets; the read server fills in its {{write-url}} and
//                {{max-upload-bytes}} placeholders
//   assets.json  {"index": "index.html", "assets": [...]}: what the server loads and serves
// First it runs `npm ci` if node_modules does not match package-lock.json (a stamp records the
// lock's hash), so a build from a fresh clone installs esbuild and playwright-core itself.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'target', 'classes', 'webapp'));
const web = join(root, 'src', 'main', 'web');

ensureDependencies();
const { build } = await import('esbuild');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const result = await build({
  absWorkingDir: root,
  entryPoints: { app: join(web, 'app', 'main.js') }, // main.js imports the stylesheet
  bundle: true,
  format: 'esm',
  target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
  minify: true,
  legalComments: 'none',
  entryNames: '[name]-[hash]',
  outdir: join(out, 'assets'),
  metafile: true,
  logLevel: 'warning',
});

const names = {};
for (const file of Object.keys(result.metafile.outputs)) {
  names[extname(file) === '.css' ? 'app.css' : 'app.js'] = '/' + relative(out, resolve(root, file)).split(sep).join('/');
}
names['icon.svg'] = copyHashed(join(web, 'static', 'icon.svg'));
for (const required of ['app.js', 'app.css', 'icon.svg']) {
  if (!names[required]) throw new Error(`the build produced no ${required}`);
}

let page = readFileSync(join(web, 'index.html'), 'utf8');
for (const [placeholder, path] of Object.entries(names)) {
  page = page.replace(`{{${placeholder}}}`, path);
}
if (/\{\{(app\.|icon\.)/.test(page)) throw new Error('index.html names an asset the build does not make');
writeFileSync(join(out, 'index.html'), page);

const assets = Object.values(names).map((path) => path.slice(1)).sort();
writeFileSync(join(out, 'assets.json'), JSON.stringify({ index: 'index.html', assets }, null, 2) + '\n');
console.log(`web app built into ${relative(root, out) || out}: ${assets.join(', ')}`);

/** Copies a static file into assets/ under a name carrying its content hash; returns its path. */
function copyHashed(source) {
  const bytes = readFileSync(source);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  const ext = extname(source);
  const name = `${basename(source, ext)}-${hash}${ext}`;
  writeFileSync(join(out, 'assets', name), bytes);
  return `/assets/${name}`;
}

function ensureDependencies() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(root, 'node_modules', '.picshare-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('npm ci (package-lock.json changed or node_modules missing)');
  const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (npm.error || npm.status !== 0) {
    throw new Error(`npm ci failed (${npm.error?.message ?? 'exit ' + npm.status})`);
  }
  writeFileSync(stamp, hash);
}
