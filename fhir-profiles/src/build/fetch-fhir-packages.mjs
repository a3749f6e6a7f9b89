// Fetches the published FHIR packages the content is validated against (fhir-packages.json) from
// the npm registry with `npm pack`, checks each tarball against its pinned sha512 integrity and
// leaves them with the list in the folder given as the first argument (the Maven build
// passes target/test-classes/fhir-packages, so they travel in the test-jar to every module that
// validates). Nothing here goes into the plugin bundle.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? join(here, '..', '..', 'target', 'fhir-packages'));
const { packages } = JSON.parse(readFileSync(join(here, 'fhir-packages.json'), 'utf8'));

const integrityOf = (file) => 'sha512-' + createHash('sha512').update(readFileSync(file)).digest('base64');

mkdirSync(out, { recursive: true });
for (const { name, version, integrity } of packages) {
  // npm pack names the tarball after the package; a rebuild after `mvn clean` is served by npm's own cache.
  const tarball = join(out, `${name}-${version}.tgz`);
  if (!existsSync(tarball) || integrityOf(tarball) !== integrity) {
    rmSync(tarball, { force: true });
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', out, '--silent'],
      { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const digest = integrityOf(tarball);
  if (digest !== integrity) {
    rmSync(tarball);
    throw new Error(`${name}@${version}: integrity ${digest} is not the pinned ${integrity}`);
  }
}
// The list travels beside the tarballs: the validator loads exactly what was checked here.
copyFileSync(join(here, 'fhir-packages.json'), join(out, 'fhir-packages.json'));
console.log(`FHIR packages ${packages.map((p) => `${p.name}#${p.version}`).join(', ')} checked into ${out}`);
