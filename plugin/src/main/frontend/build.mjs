// Builds the clinician panel into the bundle: copies the app's own files, the chart library
// (Chart.js's self-contained UMD build, from node_modules) and LHC-Forms' prebuilt web component
// to the output folder given as the first argument (the Maven build passes target/classes/app).
// Nothing is ever loaded from a CDN.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, 'dist'));

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync(join(here, 'src'), out, { recursive: true });
const chart = join(here, 'node_modules', 'chart.js');
cpSync(join(chart, 'dist', 'chart.umd.min.js'), join(out, 'vendor', 'chart.umd.min.js'));
cpSync(join(chart, 'LICENSE.md'), join(out, 'vendor', 'chart.js-LICENSE.md'));

// LHC-Forms: its npm package declares all of Angular as dependencies although it ships only a
// prebuilt dist, so it is not installed: the registry's tarball is fetched with `npm pack`,
// checked against the pinned sha512 integrity, and only the files the form page loads are kept.
const LFORMS = { version: '40.1.3', integrity: 'sha512-WLruTm+BcVnafC0rSAQ3/cNqhxvclBUxyBG68aub/uha2NaK9H8ZZcEXTTuORuGzzCt0wa7fvhuieZtcDIdPzQ==' };
const cache = join(here, 'node_modules', '.rapport-cache');
const tarball = join(cache, `lforms-${LFORMS.version}.tgz`);
mkdirSync(cache, { recursive: true });
if (!existsSync(tarball)) {
  execFileSync('npm', ['pack', `lforms@${LFORMS.version}`, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
const digest = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
if (digest !== LFORMS.integrity) {
  rmSync(tarball);
  throw new Error(`lforms ${LFORMS.version}: integrity ${digest} is not the pinned ${LFORMS.integrity}`);
}
const unpacked = join(cache, `lforms-${LFORMS.version}`);
if (!existsSync(join(unpacked, 'package', 'package.json'))) {
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
}
const lforms = join(unpacked, 'package', 'dist', 'lforms');
const lformsOut = join(out, 'vendor', 'lforms');
for (const file of ['webcomponent/styles.css', 'webcomponent/lhc-forms.js', 'webcomponent/assets/lib/zone.min.js', 'webcomponent/down_arrow_gray_10_10.png',
  'webcomponent/magnifying_glass.png', 'fhir/R4/lformsFHIR.min.js', 'LICENSE.md']) {
  mkdirSync(dirname(join(lformsOut, file)), { recursive: true });
  cpSync(join(lforms, file), join(lformsOut, file));
}

let bytes = 0;
const walk = (d) => readdirSync(d).forEach((f) => {
  const p = join(d, f);
  if (statSync(p).isDirectory()) walk(p); else bytes += statSync(p).size;
});
walk(out);
console.log(`clinician panel built into ${out} (${Math.round(bytes / 1024)} KiB)`);
