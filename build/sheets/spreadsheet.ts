/**
 * An in-memory Google spreadsheet, for running the add-on's real Apps Script edge
 * (src/server/appsScriptWorkbook.ts) in Node: in the tests, the local preview and the bench.
 *
 * `FakeSheets` is one object over one model (model.ts: the data and the rules of Sheets): the
 * strict, recording Apps Script services a script calls (services.ts), and, as its base classes,
 * what a person does (person.ts: `edit`, `insertRows`, `as`…) and what a person or a test sees
 * (view.ts: `protections`, `rules`, `view`…). Only the services' calls are recorded.
 */
import { type FakeSheetsOptions, SpreadsheetModel } from './model';
import { Person } from './person';
import { appsScriptServices, type FakeServices, type Run } from './services';

export type { FakeSheetsOptions, FakeValue } from './model';
export { FakeKilled, type FakeServices } from './services';
export type {
  FakeChart,
  FakeGrid,
  FakeLayout,
  FakeProtection,
  FakeRule,
  FakeSheetView,
  FakeValidation,
  FakeViewCell,
} from './view';

export function createFakeSheets(options: FakeSheetsOptions = {}): FakeSheets {
  return new FakeSheets(options);
}

export class FakeSheets extends Person implements Run {
  readonly services: FakeServices;
  /** Every service call, `Class.method`, in order. */
  readonly calls: string[] = [];
  /** Runs before each recorded call executes: a person's edit, or `kill()`. */
  beforeCall: ((method: string) => void) | null = null;
  private dead = false;

  constructor(options: FakeSheetsOptions = {}) {
    super(new SpreadsheetModel(options));
    this.services = appsScriptServices(this.model, this);
  }

  callCount(): number {
    return this.calls.length;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  countsByMethod(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const call of this.calls) counts[call] = (counts[call] ?? 0) + 1;
    return counts;
  }

  /** Whether the run was killed, until `revive()`. */
  get killed(): boolean {
    return this.dead;
  }

  /** Ends the run: every further service call throws FakeKilled and changes nothing. */
  kill(): void {
    this.dead = true;
  }

  /** The next run. The killed run's document lock was released when it ended. */
  revive(): void {
    this.dead = false;
    if (this.model.lock === 'run') this.model.lock = 'free';
  }
}
