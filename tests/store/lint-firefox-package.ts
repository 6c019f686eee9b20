/**
 * `npm run lint:ext` — Mozilla's own linter (web-ext lint, the checks addons.mozilla.org runs at
 * upload) on the Firefox build. Fails on any error, and on any warning not documented below.
 * The Chrome package is not linted here: web-ext judges it as a Firefox add-on (no add-on id, a
 * background service worker), which it is not; tests/e2e/manifest.spec.ts guards its manifest.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const SOURCE_DIR = resolve(process.env.COMPAGNON_OUT_DIR ?? '.output', 'firefox-mv2');

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/**
 * Warnings we accept, each with why. Preact sets `innerHTML` only to render
 * `dangerouslySetInnerHTML`, which this project never uses (tests/unit/architecture.test.ts
 * refuses it, and every other HTML-writing property, in our sources); the linter flags the
 * library's line in each bundle that carries Preact.
 */
const DOCUMENTED: ReadonlyArray<{ code: string; file: RegExp; message: RegExp }> = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^(content-scripts\/(console|portail)\.js|chunks\/[\w-]+\.js)$/,
    message: /innerHTML/,
  },
];

const documented = (warning: LintMessage): boolean =>
  DOCUMENTED.some(
    (rule) =>
      rule.code === warning.code && rule.file.test(warning.file ?? '') && rule.message.test(warning.message),
  );

function lint(): LintReport {
  const webExt = resolve('node_modules/.bin/web-ext');
  const args = ['lint', '--source-dir', SOURCE_DIR, '--output', 'json', '--no-config-discovery'];
  let output: string;
  try {
    output = execFileSync(webExt, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  } catch (error) {
    // web-ext exits non-zero when it finds errors: its report is still on stdout.
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  return JSON.parse(output) as LintReport;
}

const report = lint();
const undocumented = report.warnings.filter((warning) => !documented(warning));
const described = (message: LintMessage): string =>
  `  ${message.code} ${message.file ?? ''} — ${message.message}`;
console.log(
  `web-ext lint ${SOURCE_DIR}: ${report.errors.length} erreur(s), ${report.warnings.length} avertissement(s) dont ${report.warnings.length - undocumented.length} documenté(s), ${report.notices.length} remarque(s)`,
);
for (const message of [...report.errors, ...undocumented]) console.error(described(message));
if (report.errors.length > 0 || undocumented.length > 0) process.exitCode = 1;
