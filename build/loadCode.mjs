import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export const codePath = fileURLToPath(new URL('../dist/Code.js', import.meta.url));

// Copies arguments into the sandbox's realm, as Sheets hands a script its own arrays and Dates
// (an outer-realm array or Date would fail `instanceof` checks inside the bundle).
const CLONE_SOURCE = `(function clone(value) {
  if (Array.isArray(value)) return value.map(clone);
  if (Object.prototype.toString.call(value) === '[object Date]') return new Date(value.getTime());
  return value;
})`;

/**
 * Runs Apps Script code (by default the built dist/Code.js) in a fresh V8 context that holds
 * nothing but `globals`: any Apps Script service the code touches must be faked by the caller.
 * `context` is the sandbox's global object: the bundle's `KpiTree` and every top-level function.
 * @param {{ globals?: Record<string, unknown>, source?: string }} [options]
 */
export function loadCode({ globals = {}, source = readFileSync(codePath, 'utf8') } = {}) {
  const context = vm.createContext({ ...globals });
  vm.runInContext(source, context, { filename: 'Code.js' });
  /** @type {<T>(value: T) => T} */
  const clone = vm.runInContext(CLONE_SOURCE, context);
  return {
    context,
    /** Copies a value into the sandbox's realm. */
    inRealm: clone,
    /**
     * Calls a top-level function by its global name, as Apps Script does.
     * @param {string} name
     * @param {...unknown} args
     * @returns {unknown}
     */
    call(name, ...args) {
      const fn = context[name];
      if (typeof fn !== 'function') throw new Error(`Code.js declares no global function ${name}`);
      return fn(...args.map(clone));
    },
  };
}
