import type { Context } from 'node:vm';

export declare const codePath: string;

export interface LoadedCode {
  /** The sandbox's global object: the bundle's `KpiTree` and every top-level function. */
  readonly context: Context;
  inRealm<T>(value: T): T;
  call(name: string, ...args: unknown[]): unknown;
}

export declare function loadCode(options?: {
  globals?: Record<string, unknown>;
  source?: string;
}): LoadedCode;
