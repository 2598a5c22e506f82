import type { Count } from '../../core/model.js';
import { percent } from '../../core/progress.js';

/** `▓▓▓▓░░░░░░ 40%`: the bar fills a cell only for work actually done, so it is full only at 100%. */
export function bar(count: Count, width = 10): string {
  const filled = count.total === 0 ? width : Math.floor((width * count.done) / count.total);
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${percent(count)}%`;
}

export function ratio(count: Count): string {
  return `${count.done}/${count.total}`;
}
