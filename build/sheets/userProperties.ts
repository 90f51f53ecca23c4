/**
 * PropertiesService.getUserProperties() as the add-on uses it: a store of strings that outlives
 * the execution (a sidebar reopened, another spreadsheet) and that only its user reads
 * (https://developers.google.com/apps-script/reference/properties/properties-service). Each
 * person has their own: `as(email)` switches whose store the script sees, as another user's
 * session would. Values are kept as strings, as the service converts them
 * (https://developers.google.com/apps-script/guides/properties#data_format).
 */
import type { UserPropertyStore } from '../../src/server/userSettings';

export class UserProperties {
  private readonly stores = new Map<string, Map<string, string>>();
  private user = 'owner@example.com';

  /** The person the script runs for from now on. */
  as(email: string): void {
    this.user = email;
  }

  /** What PropertiesService.getUserProperties() returns to the current user. */
  store(): UserPropertyStore {
    let store = this.stores.get(this.user);
    if (!store) {
      store = new Map();
      this.stores.set(this.user, store);
    }
    const values = store;
    return {
      getProperty: (key) => values.get(key) ?? null,
      setProperty(key, value) {
        values.set(key, String(value));
        return this;
      },
    };
  }
}
