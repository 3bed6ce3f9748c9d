// Makes package-lock.json usable by `npm ci` when the registry lacks some platform-specific optional packages.
//
// Why: the npm registry this project installs from does not carry every platform binary that some dependencies
// list as optional (e.g. @bytecodealliance/jco-node-fs-win32-x64-msvc, @rolldown/binding-darwin-arm64). `npm
// install` then leaves them out of the lock file, and `npm ci` refuses the lock as "out of sync". This script adds
// a placeholder entry for each such package, marked optional and for no platform, so `npm ci` accepts the lock and
// skips them, as it skips any optional package built for another platform.
//
// Run it after anything that rewrites package-lock.json (`npm install`, `npm update`): node scripts/complete-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import semver from 'semver';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;

/** Whether Node, from the package at `location`, finds a `name` whose version satisfies `range`. */
function resolves(location, name, range) {
  let dir = location;
  for (;;) {
    const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
    const found = packages[candidate];
    // The nearest one is what Node loads: it fits or it does not.
    if (found !== undefined) return semver.satisfies(found.version, range, { includePrerelease: true });
    if (dir === '') return false;
    const at = dir.lastIndexOf('/node_modules/');
    dir = at < 0 ? '' : dir.slice(0, at);
  }
}

let added = 0;
for (const [location, pkg] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(pkg.optionalDependencies ?? {})) {
    if (resolves(location, name, range)) continue;
    const version = range.replace(/^[\^~=v]+/, '').split(/\s/)[0];
    const root = `node_modules/${name}`;
    const target = packages[root] === undefined && location.split('/node_modules/').length === 1 ? root : `${location}/node_modules/${name}`;
    packages[target] = { version, optional: true, os: ['!any'], cpu: ['!any'] };
    added++;
  }
}
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added === 0 ? 'package-lock.json is complete' : `added ${added} placeholder(s) for optional packages the registry lacks`);
