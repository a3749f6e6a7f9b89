// Puts the independent SDC $populate implementation, @aehrc/sdc-populate, beside its runtime
// dependencies (installed by `npm ci` from package.json). Its npm package also declares fhirclient,
// whose dependency tree pulls in Expo and React Native (hundreds of MB) although the library never
// imports it, so, as the panel does for LHC-Forms, the registry's tarball is fetched with `npm pack`,
// checked against the pinned sha512 integrity and unpacked into node_modules.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SDC_POPULATE = { version: '4.7.1', integrity: 'sha512-ONIna+KzbgqKhznanZ5prLkioZkEky48DTzXh3RgmTENPYSz71oBbDchwaAlQMAT8BbeS6EhrM6CDfwkGsk9gg==' };
const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, 'node_modules', '@aehrc', 'sdc-populate');
const cache = join(here, 'node_modules', '.rapport-cache');
const tarball = join(cache, `aehrc-sdc-populate-${SDC_POPULATE.version}.tgz`);

mkdirSync(cache, { recursive: true });
if (!existsSync(tarball)) {
  execFileSync('npm', ['pack', `@aehrc/sdc-populate@${SDC_POPULATE.version}`, '--pack-destination', cache, '--silent'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
}
const digest = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
if (digest !== SDC_POPULATE.integrity) {
  rmSync(tarball);
  throw new Error(`@aehrc/sdc-populate ${SDC_POPULATE.version}: integrity ${digest} is not the pinned ${SDC_POPULATE.integrity}`);
}
const installed = join(target, 'package.json');
if (!existsSync(installed) || JSON.parse(readFileSync(installed, 'utf8')).version !== SDC_POPULATE.version) {
  const unpacked = join(cache, 'unpacked');
  rmSync(unpacked, { recursive: true, force: true });
  mkdirSync(unpacked, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  renameSync(join(unpacked, 'package'), target);
}
console.log(`@aehrc/sdc-populate ${SDC_POPULATE.version} checked into ${target}`);
