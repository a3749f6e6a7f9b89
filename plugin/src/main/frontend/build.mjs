// Builds the clinician panel into the bundle: copies the app's own files and the chart library
// (Chart.js's self-contained UMD build, from node_modules — never a CDN) to the output folder
// given as the first argument (the Maven build passes target/classes/app).
import { cpSync, mkdirSync, rmSync, readdirSync, statSync } from 'node:fs';
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

let bytes = 0;
const walk = (d) => readdirSync(d).forEach((f) => {
  const p = join(d, f);
  if (statSync(p).isDirectory()) walk(p); else bytes += statSync(p).size;
});
walk(out);
console.log(`clinician panel built into ${out} (${Math.round(bytes / 1024)} KiB)`);
