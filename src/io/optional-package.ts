import { WcomposeError } from '../diagnostics/error.js';

/**
 * jco (`@bytecodealliance/jco-transpile`) is an optional dependency of wcompose: it brings binaryen (over 90 MB)
 * with it, and composing `.wasm` files, `check` of a config, `plan` and `inspect` never load it. Only what parses or
 * prints through it does: JS bindings (`--js`), `.wat` inputs and WIT worlds (`check --wit`).
 */
export const jcoPackage = '@bytecodealliance/jco-transpile';

/** Whether `e` says that `pkg` (or a subpath of it) is not installed, as Node's `import()` and `require` report it. */
export function isMissingPackage(e: unknown, pkg: string): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = e instanceof Error ? e.message : '';
  return message.includes(`'${pkg}'`) || message.includes(`'${pkg}/`) || message.includes(`"${pkg}"`);
}

/** The diagnostic for jco missing when `purpose` (e.g. "JS bindings (--js)") needs it. */
export function jcoMissing(purpose: string, file?: string): WcomposeError {
  return new WcomposeError('WC5005', `${purpose} need ${jcoPackage}, which is not installed`, {
    file,
    hint: `install it next to wcompose: npm i -D ${jcoPackage}`,
  });
}

/** `import(specifier)` of a jco module, turning "not installed" into WC5005 for `purpose`. */
export async function importJco<T>(load: () => Promise<T>, purpose: string, file?: string): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (isMissingPackage(e, jcoPackage)) throw jcoMissing(purpose, file);
    throw e;
  }
}
