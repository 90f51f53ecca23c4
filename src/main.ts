/**
 * The bundle's entry. The build gives every key of `globals` a top-level Apps Script function
 * forwarding to it, and reads `customFunctions` to write their `@customfunction` JSDoc.
 * Loading this module must not touch any Apps Script service: it runs on every call.
 */
import { customFunctions } from './functions/catalogue';
import { customFunctionGlobals } from './server/customFunctions';
import { menuActions, onInstall, onOpen } from './server/menu';

export { customFunctions };

export const globals = {
  ...customFunctionGlobals,
  onOpen,
  onInstall,
  ...menuActions,
};
