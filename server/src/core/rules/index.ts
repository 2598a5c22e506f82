import conflictMarkers from './conflict-markers.js';
import type { Rule } from './defineRule.js';
import duplicateItem from './duplicate-item.js';
import emptyPhase from './empty-phase.js';
import fenceWithoutLanguage from './fence-without-language.js';
import frontMatterEcs from './front-matter-ecs.js';
import frontMatterGates from './front-matter-gates.js';
import frontMatterRunContext from './front-matter-run-context.js';
import frontMatterSigners from './front-matter-signers.js';
import frontMatterTemplate from './front-matter-template.js';
import frontMatterYaml from './front-matter-yaml.js';
import gateOrder from './gate-order.js';
import headingLevelSkipped from './heading-level-skipped.js';
import itemWithoutText from './item-without-text.js';
import malformedCheckbox from './malformed-checkbox.js';
import nestedItemState from './nested-item-state.js';
import secretInChecklist from './secret-in-checklist.js';
import signoffBeforeComplete from './signoff-before-complete.js';
import signoffBlankFields from './signoff-blank-fields.js';
import statusContradiction from './status-contradiction.js';
import tooComplex from './too-complex.js';
import unfilledPlaceholder from './unfilled-placeholder.js';

/** Every rule, in the order their findings are listed for the same position. */
export const rules: readonly Rule[] = [
  frontMatterYaml,
  frontMatterGates,
  frontMatterEcs,
  frontMatterTemplate,
  frontMatterSigners,
  frontMatterRunContext,
  conflictMarkers,
  secretInChecklist,
  malformedCheckbox,
  itemWithoutText,
  unfilledPlaceholder,
  emptyPhase,
  headingLevelSkipped,
  duplicateItem,
  nestedItemState,
  fenceWithoutLanguage,
  gateOrder,
  signoffBlankFields,
  signoffBeforeComplete,
  statusContradiction,
  tooComplex,
];
