export declare const median: (times: readonly number[]) => number;
export declare function medianMs(fn: () => void, runs: number): number;
