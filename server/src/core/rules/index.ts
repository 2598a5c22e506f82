import type { Rule } from './defineRule.js';
import unfilledPlaceholder from './unfilled-placeholder.js';

/** Every rule, in the order their findings are listed for the same position. */
export const rules: readonly Rule[] = [unfilledPlaceholder];
